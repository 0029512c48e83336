package dev.skiff.executor.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the host program for a step's {@code command[0]}. Images are ignored, so a program is
 * looked up on the host's {@code PATH}; an absolute path that does not exist on the host (an
 * image's layout, such as {@code /usr/local/bin/python}) is looked up by its file name; and a
 * few names that images have but hosts often lack fall back to their modern twin
 * ({@code python} to {@code python3}, {@code pip} to {@code pip3}).
 *
 * @param searchPath  the directories of {@code PATH}, in order
 * @param executable  whether a file is an executable program
 */
record ProgramResolver(List<Path> searchPath, Predicate<Path> executable) {

    /** Names tried when a program is missing, by the name the template used. */
    static final Map<String, String> FALLBACKS = Map.of("python", "python3", "pip", "pip3");

    ProgramResolver {
        searchPath = List.copyOf(searchPath);
    }

    /** A resolver over the given {@code PATH} value that checks the real file system. */
    static ProgramResolver forPath(String pathVariable) {
        List<Path> dirs = new ArrayList<>();
        for (String entry : pathVariable.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                dirs.add(Path.of(entry));
            }
        }
        return new ProgramResolver(dirs, p -> Files.isRegularFile(p) && Files.isExecutable(p));
    }

    /** The host path of the program, or empty when there is none. */
    Optional<Path> resolve(String program) {
        if (program.isBlank()) {
            return Optional.empty();
        }
        if (program.contains("/")) {
            Path path = Path.of(program);
            if (executable.test(path)) {
                return Optional.of(path);
            }
            if (!path.isAbsolute()) {
                return Optional.empty();
            }
            Path name = path.getFileName();
            return name == null ? Optional.empty() : resolveName(name.toString());
        }
        return resolveName(program);
    }

    private Optional<Path> resolveName(String name) {
        Optional<Path> found = onPath(name);
        if (found.isEmpty() && FALLBACKS.containsKey(name)) {
            return onPath(FALLBACKS.get(name));
        }
        return found;
    }

    private Optional<Path> onPath(String name) {
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(name);
            if (executable.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
