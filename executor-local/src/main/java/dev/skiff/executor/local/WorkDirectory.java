package dev.skiff.executor.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor's work directory and what this run created in it. The rule it keeps: Skiff deletes or
 * overwrites nothing it did not create in this run. A step's sandbox is a new directory directly below
 * the work directory, created by this run (one that already exists is an error, never cleared); an
 * artifact is stored only where nothing is yet, or where this run stored one before.
 */
final class WorkDirectory {

    /** Names Skiff uses for itself in the work directory, which no sandbox may take. */
    static final Set<String> RESERVED = Set.of("artifacts", "workflows", ".skiff-bin");

    private final Path dir;
    /** The artifact files and directories this run stored, absolute and normalized. */
    private final Set<Path> stored = ConcurrentHashMap.newKeySet();

    WorkDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The work directory, absolute and normalized. */
    Path dir() {
        return dir;
    }

    /**
     * Creates the sandbox directory {@code <dir>/<stepId>}. The step id must be one plain file name (no
     * {@code /}, not {@code .} or {@code ..}, not hidden, not one of {@link #RESERVED}) and nothing may exist
     * at that path yet, not even a symbolic link.
     */
    Path createSandbox(String stepId) throws IOException {
        if (!isPlainName(stepId) || RESERVED.contains(stepId)) {
            throw new IOException("step id '" + stepId + "' cannot name a sandbox directory in " + dir
                    + ": it must be one plain file name (a pod name), not '.', '..', hidden or one of " + RESERVED);
        }
        Path sandbox = dir.resolve(stepId).normalize();
        if (!dir.equals(sandbox.getParent())) {
            throw new IOException("step id '" + stepId + "' leads out of the work directory " + dir);
        }
        try {
            return Files.createDirectory(sandbox);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(sandbox + " already exists and this run did not create it (an earlier run's"
                    + " sandbox, or your own files): Skiff never clears or reuses it; remove it or choose an empty"
                    + " --work-dir");
        }
    }

    /**
     * Claims {@code location} for an artifact this run stores: true when nothing is there yet or this run
     * stored it before (it may then be replaced), false when something else is there.
     */
    boolean claimArtifact(Path location) {
        Path normal = location.toAbsolutePath().normalize();
        synchronized (stored) {
            if (stored.contains(normal)) {
                return true;
            }
            if (Files.exists(normal, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            stored.add(normal);
            return true;
        }
    }

    private static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.startsWith(".") && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
    }
}
