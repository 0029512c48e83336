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
 * {@code /}) and the template's working directory. {@link #rewrite} replaces every occurrence of
 * one of them that stands as a whole path (not preceded by a path character, not followed by a
 * name character) with its host path; longer paths win. Pure: no file-system access.
 *
 * @param root        the directory that stands for the container's {@code /}
 * @param mappedPaths the absolute container paths that {@link #rewrite} replaces, longest first
 */
record SandboxPathMapping(Path root, List<String> mappedPaths) {

    private static final String BEFORE = "(?<![A-Za-z0-9_./~-])";
    private static final String AFTER = "(?![A-Za-z0-9_.~-])";

    SandboxPathMapping {
        mappedPaths = List.copyOf(mappedPaths);
    }

    /** The mapping for a step's output paths and working directory. */
    static SandboxPathMapping of(Path root, Collection<String> outputPaths, Optional<String> workingDir) {
        Set<String> paths = new LinkedHashSet<>();
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
        return new SandboxPathMapping(root, ordered);
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
     * Where a container path lives on the host: absolute paths under {@link #root}, relative
     * ones under the working directory's host path.
     */
    Path hostPath(String containerPath, Optional<String> workingDir) {
        String normal = normalize(containerPath);
        if (normal.startsWith("/")) {
            return hostPath(normal);
        }
        return workingDirectory(workingDir).resolve(normal).normalize();
    }

    /** The host directory a process starts in: the mapped working directory, or {@link #root}. */
    Path workingDirectory(Optional<String> workingDir) {
        return workingDir.map(SandboxPathMapping::normalize).filter(p -> p.startsWith("/"))
                .map(this::hostPath).orElse(root);
    }

    private Path hostPath(String absolute) {
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
