package dev.skiff.executor.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's volume mount and the host directory that stands for it in a local run.
 *
 * <ul>
 * <li>a template {@code emptyDir} volume: a directory in the step's own sandbox;</li>
 * <li>a {@code hostPath} volume: that host path itself, as on a one-node cluster;</li>
 * <li>any other volume (workflow {@code volumes}, {@code volumeClaimTemplates}, claims): one
 *     directory per workflow and volume name, shared by the workflow's steps as a claim is.</li>
 * </ul>
 *
 * @param mountPath the path inside the container
 * @param hostDir   the host directory it maps to
 */
record VolumeMount(String mountPath, Path hostDir) {

    /**
     * The mounts of a step's main container, read from the request's pod spec
     * ({@code container|script.volumeMounts} against the template's {@code volumes}).
     *
     * @param sandbox      the step's sandbox directory (for emptyDir volumes)
     * @param workflowDir  the directory shared by the workflow's steps (for other volumes)
     */
    static List<VolumeMount> of(Map<String, Object> podSpec, Path sandbox, Path workflowDir) {
        Map<String, Object> container = map(podSpec.get("container")).or(() -> map(podSpec.get("script"))).orElse(Map.of());
        List<VolumeMount> mounts = new ArrayList<>();
        for (Object item : list(container.get("volumeMounts"))) {
            Map<String, Object> mount = map(item).orElse(Map.of());
            String name = text(mount.get("name"));
            String mountPath = SandboxPathMapping.normalize(text(mount.get("mountPath")));
            if (name.isEmpty() || !mountPath.startsWith("/") || mountPath.equals("/") || !safeName(name)) {
                continue;
            }
            Path dir = volumeDirectory(podSpec, name, sandbox, workflowDir);
            String subPath = text(mount.get("subPath"));
            if (!subPath.isEmpty() && !subPath.contains("..")) {
                dir = dir.resolve(subPath.replaceFirst("^/+", "")).normalize();
            }
            mounts.add(new VolumeMount(mountPath, dir));
        }
        return mounts;
    }

    private static Path volumeDirectory(Map<String, Object> podSpec, String name, Path sandbox, Path workflowDir) {
        for (Object item : list(podSpec.get("volumes"))) {
            Map<String, Object> volume = map(item).orElse(Map.of());
            if (!name.equals(text(volume.get("name")))) {
                continue;
            }
            if (volume.containsKey("emptyDir")) {
                return sandbox.resolve("volumes").resolve(name);
            }
            Optional<String> hostPath = map(volume.get("hostPath")).map(h -> text(h.get("path"))).filter(p -> p.startsWith("/"));
            if (hostPath.isPresent()) {
                return Path.of(hostPath.get());
            }
        }
        return workflowDir.resolve("volumes").resolve(name);
    }

    private static boolean safeName(String name) {
        return name.matches("[A-Za-z0-9._-]+") && !name.equals("..") && !name.equals(".");
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> map(Object value) {
        return value instanceof Map<?, ?> m ? Optional.of((Map<String, Object>) m) : Optional.empty();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
