package dev.skiff.executor.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps absolute container paths that a template names into a step's sandbox root, so that
 * {@code echo hi > /tmp/out.txt} writes {@code <sandbox>/root/tmp/out.txt} instead of the
 * host's {@code /tmp/out.txt}.
 *
 * <p>The mapped paths are each declared output path and its parent directory (unless that is
 * {@code /}), the template's working directory and its volume mount paths. {@link #rewrite}
 * replaces every occurrence of one of them that stands as a whole path (not preceded by a path
 * character, not followed by a name character) with its host path; longer paths win. A path at
 * or below a volume mount lives in the mount's host directory, any other under {@link #root}.
 * Pure: no file-system access.
 *
 * @param root        the directory that stands for the container's {@code /}
 * @param mappedPaths the absolute container paths that {@link #rewrite} replaces, longest first
 * @param mounts      volume mounts, by container path
 */
record SandboxPathMapping(Path root, List<String> mappedPaths, List<VolumeMount> mounts) {

    private static final String BEFORE = "(?<![A-Za-z0-9_./~-])";
    private static final String AFTER = "(?![A-Za-z0-9_.~-])";

    SandboxPathMapping {
        mappedPaths = List.copyOf(mappedPaths);
        mounts = List.copyOf(mounts);
    }

    /** The mapping for a step's output paths and working directory, without volumes. */
    static SandboxPathMapping of(Path root, Collection<String> outputPaths, Optional<String> workingDir) {
        return of(root, outputPaths, workingDir, List.of());
    }

    /** The mapping for a step's output paths, working directory and volume mounts. */
    static SandboxPathMapping of(Path root, Collection<String> outputPaths, Optional<String> workingDir,
                                 List<VolumeMount> mounts) {
        Set<String> paths = new LinkedHashSet<>();
        mounts.forEach(m -> paths.add(m.mountPath()));
        for (String output : outputPaths) {
            String normal = normalize(output);
            if (isMappable(normal)) {
                paths.add(normal);
                String parent = parentOf(normal);
                if (isMappable(parent)) {
                    paths.add(parent);
                }
            }
        }
        workingDir.map(SandboxPathMapping::normalize).filter(SandboxPathMapping::isMappable).ifPresent(paths::add);
        List<String> ordered = new ArrayList<>(paths);
        ordered.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return new SandboxPathMapping(root, ordered, mounts);
    }

    /** The text with every whole occurrence of a mapped path replaced by its host path. */
    String rewrite(String text) {
        if (mappedPaths.isEmpty() || text.isEmpty()) {
            return text;
        }
        StringBuilder alternatives = new StringBuilder();
        for (String path : mappedPaths) {
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(path));
        }
        Matcher matcher = Pattern.compile(BEFORE + "(?:" + alternatives + ")" + AFTER).matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(hostPath(matcher.group()).toString()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Where a container path lives on the host: absolute paths under {@link #root} (or a mount's directory),
     * relative ones below the working directory. Never outside them: {@code ..} climbs at most to the
     * container's {@code /}, as in a container.
     */
    Path hostPath(String containerPath, Optional<String> workingDir) {
        return hostPath(absolute(containerPath, workingDir));
    }

    /**
     * The absolute container path that {@code path} names, relative ones taken from the working directory
     * (else {@code /}), with {@code .} and {@code ..} resolved as the kernel would in a container:
     * {@code /..} is {@code /}. Pure text; symbolic links are not followed.
     */
    static String absolute(String path, Optional<String> workingDir) {
        String text = path.trim();
        if (!text.startsWith("/")) {
            text = workingDir.map(String::trim).filter(w -> w.startsWith("/")).orElse("/") + "/" + text;
        }
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : text.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The host directory a process starts in: the mapped working directory, or {@link #root}. */
    Path workingDirectory(Optional<String> workingDir) {
        return workingDir.map(String::trim).filter(p -> p.startsWith("/"))
                .map(p -> hostPath(absolute(p, Optional.empty()))).orElse(root);
    }

    private Path hostPath(String absolute) {
        VolumeMount best = null;
        for (VolumeMount mount : mounts) {
            String at = mount.mountPath();
            if ((absolute.equals(at) || absolute.startsWith(at + "/"))
                    && (best == null || at.length() > best.mountPath().length())) {
                best = mount;
            }
        }
        if (best != null) {
            String rest = absolute.substring(best.mountPath().length()).replaceFirst("^/+", "");
            return rest.isEmpty() ? best.hostDir() : best.hostDir().resolve(rest).normalize();
        }
        String relative = absolute.replaceFirst("^/+", "");
        return relative.isEmpty() ? root : root.resolve(relative).normalize();
    }

    private static boolean isMappable(String path) {
        return path.startsWith("/") && !path.equals("/") && !path.contains("/../") && !path.endsWith("/..");
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String normalize(String path) {
        String collapsed = path.trim().replaceAll("/{2,}", "/").replaceAll("(/\\.)+(/|$)", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }
}
