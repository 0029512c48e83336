package dev.skiff.engine.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.golang.GoPaths;
import dev.skiff.engine.model.Template;

/**
 * The node message Argo gives a pod whose output parameter file ({@code valueFrom.path}, no {@code default})
 * does not exist. Argo's {@code wait} container reads the file where its executor finds it, fails with Go's
 * {@code open <file>: no such file or directory} and exits 64; the controller reports that container as
 * {@code wait: Error (exit code 64): <its message>}. Where it reads (workflow/executor): a path on one of the
 * main container's {@code volumeMounts} under {@code /mainctrfs}, any other path under
 * {@code /var/run/argo/outputs/parameters}, where the emissary copied it from the image's filesystem.
 */
final class MissingOutputFile {

    /** Exit code of Argo's {@code argoexec} for an error that is not a process's exit (cmd/argoexec). */
    static final int WAIT_EXIT_CODE = 64;

    private MissingOutputFile() {
    }

    /** The node message for {@code path} (as declared) missing after a pod of {@code tmpl} ran. */
    static String message(Template tmpl, String path) {
        return "wait: Error (exit code " + WAIT_EXIT_CODE + "): open " + readFrom(tmpl, path)
                + ": no such file or directory";
    }

    /** The file Argo's wait container opens for an output parameter declared at {@code path}. */
    static String readFrom(Template tmpl, String path) {
        if (onVolumeMount(tmpl, path)) {
            return GoPaths.join("/mainctrfs", path);
        }
        return GoPaths.join("/var/run/argo", "outputs", "parameters", path);
    }

    static boolean onVolumeMount(Template tmpl, String path) {
        for (String field : new String[] {"container", "script"}) {
            for (JsonNode mount : tmpl.raw().path(field).path("volumeMounts")) {
                String mountPath = mount.path("mountPath").asText("");
                if (!mountPath.isEmpty() && GoPaths.within(mountPath, path)) {
                    return true;
                }
            }
        }
        return false;
    }
}
