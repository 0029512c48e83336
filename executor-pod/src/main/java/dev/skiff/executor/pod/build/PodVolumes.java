package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pod's volumes beyond Argo's two fixed ones: the workflow volumes that mounts refer to, the artifact
 * secrets, the input-artifacts volume, the script staging volume, and main's mounts mirrored into {@code wait}
 * (addVolumeReferences, addInputArtifactsVolumes, addScriptStagingVolume, addOutputArtifactsVolumes).
 */
final class PodVolumes {

    private PodVolumes() {
    }

    /** addVolumeReferences: every volume a mount of main, an init container or a sidecar names, once. */
    static void addReferenced(PodTemplate tmpl, Map<String, Object> spec, List<Map<String, Object>> templateInits,
                              List<Map<String, Object>> sidecars) throws PodBuildException {
        List<Object> volumes = ContainerFields.mutableList(spec, "volumes");
        List<Map<String, Object>> mounts = new ArrayList<>(tmpl.mainVolumeMounts());
        templateInits.forEach(c -> mounts.addAll(PodTemplate.objects(c.get("volumeMounts"))));
        sidecars.forEach(c -> mounts.addAll(PodTemplate.objects(c.get("volumeMounts"))));
        for (Map<String, Object> mount : mounts) {
            String name = JsonTree.text(mount.get("name"));
            Map<String, Object> volume = tmpl.volume(name)
                    .orElseThrow(() -> new PodBuildException("volume '" + name + "' not found in workflow spec"));
            boolean present = volumes.stream().anyMatch(v -> name.equals(JsonTree.text(JsonTree.object(v).get("name"))));
            if (!present) {
                volumes.add(volume);
            }
        }
    }

    /**
     * The artifact secrets: volumes on the pod, read-only mounts on the wait container (when the pod has one), the
     * init container, and for a data template main (argoexec reads the data source there).
     */
    static void addArtifactSecrets(Map<String, Object> template, Map<String, Object> spec,
                                   Map<String, Object> wait, Map<String, Object> init, Map<String, Object> main) {
        ArtifactSecrets secrets = ArtifactSecrets.of(template);
        ContainerFields.mutableList(spec, "volumes").addAll(secrets.volumes());
        if (wait != null) {
            ContainerFields.mounts(wait).addAll(secrets.mounts());
        }
        ContainerFields.mounts(init).addAll(secrets.mounts());
        if (template.get("data") instanceof Map<?, ?>) {
            ContainerFields.mounts(main).addAll(secrets.mounts());
        }
    }

    /**
     * addInputArtifactsVolumes (legacy layout): an emptyDir that {@code init} fills under
     * {@code /argo/inputs/artifacts} (with main's volumes mirrored under {@code /mainctrfs} for artifacts that
     * land on a volume), mounted into main per artifact with the artifact's name as sub-path.
     */
    static void addInputArtifacts(PodTemplate tmpl, Map<String, Object> spec, Map<String, Object> init,
                                  Map<String, Object> main) throws PodBuildException {
        List<Map<String, Object>> artifacts = tmpl.inputArtifacts();
        if (artifacts.isEmpty()) {
            return;
        }
        ContainerFields.mutableList(spec, "volumes").add(ContainerFields.emptyDirVolume(ArgoNames.VOLUME_INPUT_ARTIFACTS));
        ContainerFields.addMount(init, ContainerFields.mount(ArgoNames.VOLUME_INPUT_ARTIFACTS, ArgoNames.INPUT_ARTIFACTS_DIR));
        for (Map<String, Object> mount : tmpl.mainVolumeMounts()) {
            mount.put("mountPath", GoPath.join(ArgoNames.MAIN_FILESYSTEM_DIR, JsonTree.text(mount.get("mountPath"))));
            ContainerFields.addMount(init, mount);
        }
        for (Map<String, Object> art : artifacts) {
            String name = JsonTree.text(art.get("name"));
            String path = cleanArtifactPath(name, JsonTree.text(art.get("path")));
            if (!Artifacts.hasLocationOrKey(art) && JsonTree.bool(art.get("optional")).orElse(false)) {
                continue;
            }
            if (overlappingMount(tmpl, path).isPresent()) {
                // init places it on the user's volume instead
                continue;
            }
            Map<String, Object> mount = ContainerFields.mount(ArgoNames.VOLUME_INPUT_ARTIFACTS, path);
            mount.put("subPath", name);
            ContainerFields.addMount(main, mount);
        }
    }

    /** addScriptStagingVolume: the emptyDir init writes the script to, mounted at /argo/staging. */
    static void addScriptStaging(Map<String, Object> spec, Map<String, Object> init, Map<String, Object> main) {
        ContainerFields.mutableList(spec, "volumes").add(ContainerFields.emptyDirVolume(ArgoNames.VOLUME_STAGING));
        ContainerFields.addMount(init, ContainerFields.mount(ArgoNames.VOLUME_STAGING, ArgoNames.STAGING_DIR));
        ContainerFields.addMount(main, ContainerFields.mount(ArgoNames.VOLUME_STAGING, ArgoNames.STAGING_DIR));
    }

    /** addOutputArtifactsVolumes: main's mounts again in Argo's sidecars, under /mainctrfs, never read-only. */
    static void mirrorMainMounts(List<Map<String, Object>> containers) {
        Map<String, Object> main = containers.stream().filter(c -> ArgoNames.MAIN.equals(ContainerFields.name(c)))
                .findFirst().orElse(Map.of());
        List<Map<String, Object>> mainMounts = PodTemplate.objects(main.get("volumeMounts"));
        for (Map<String, Object> c : containers) {
            if (!ArgoNames.isArgoSidecar(ContainerFields.name(c))) {
                continue;
            }
            List<Object> mounts = ContainerFields.mounts(c);
            Set<String> paths = new HashSet<>();
            mounts.forEach(m -> paths.add(JsonTree.text(JsonTree.object(m).get("mountPath"))));
            for (Map<String, Object> mount : mainMounts) {
                Map<String, Object> mirrored = new LinkedHashMap<>(mount);
                mirrored.put("mountPath", GoPath.join(ArgoNames.MAIN_FILESYSTEM_DIR, JsonTree.text(mount.get("mountPath"))));
                mirrored.remove("readOnly");
                if (paths.add(JsonTree.text(mirrored.get("mountPath")))) {
                    mounts.add(mirrored);
                }
            }
        }
    }

    /** Argo's FindOverlappingVolume: the deepest of main's mounts that holds {@code path}. */
    static Optional<Map<String, Object>> overlappingMount(PodTemplate tmpl, String path) {
        return tmpl.mainVolumeMounts().stream()
                .sorted(Comparator.comparingInt((Map<String, Object> m) -> JsonTree.text(m.get("mountPath")).length())
                        .reversed())
                .filter(m -> GoPath.within(JsonTree.text(m.get("mountPath")), path))
                .findFirst();
    }

    /** Argo's Artifact.CleanPath: cleaned; {@code ..} may not climb out of the directory before it. */
    static String cleanArtifactPath(String name, String path) throws PodBuildException {
        if (path.isEmpty()) {
            throw new PodBuildException("error in inputs.artifacts." + name + ": Artifact '" + name
                    + "' did not specify a path");
        }
        int dots = path.indexOf("/../");
        String safeDir = dots >= 0 ? path.substring(0, dots)
                : path.endsWith("/..") ? path.substring(0, path.length() - 3) : "";
        String cleaned = GoPath.clean(path);
        if (!safeDir.isEmpty() && !(cleaned.startsWith(safeDir + "/") && cleaned.length() > safeDir.length() + 1)) {
            throw new PodBuildException("error in inputs.artifacts." + name + ": Artifact '" + name
                    + "' attempted to use a path containing '..'. Directory traversal is not permitted");
        }
        return cleaned;
    }
}
