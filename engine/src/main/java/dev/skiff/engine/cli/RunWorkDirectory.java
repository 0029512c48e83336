package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowPhase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where {@code skiff run} puts step sandboxes and artifacts, and what becomes of it. {@code --work-dir DIR}
 * is the user's: never removed. Without it Skiff creates a temporary directory, and removes it when the
 * workflow succeeded unless {@code --keep}; it is kept when the run failed or was interrupted, where the
 * step logs tell what happened. Whatever it did is said on stderr (under {@code -o json|yaml} too), with
 * where the logs of failed steps are.
 *
 * @param dir       the directory, absolute
 * @param temporary whether Skiff created it for this run
 * @param keep      {@code --keep}
 */
record RunWorkDirectory(Path dir, boolean temporary, boolean keep) {

    /** How many failed steps get their log paths listed. */
    private static final int LISTED_FAILURES = 5;

    /** {@code --work-dir DIR} (created if needed), or a new temporary directory when {@code requested} is null. */
    static RunWorkDirectory create(Path requested, boolean keep) {
        try {
            if (requested != null) {
                return new RunWorkDirectory(Files.createDirectories(requested).toAbsolutePath(), false, keep);
            }
            return new RunWorkDirectory(Files.createTempDirectory("skiff-run-").toAbsolutePath(), true, keep);
        } catch (IOException e) {
            throw new UserInputException("--work-dir " + (requested == null ? "(temporary)" : requested)
                    + ": cannot create the directory (" + e.getMessage() + ")", e);
        }
    }

    /**
     * After the run, once every step process is gone: removes a temporary directory of a run that succeeded
     * (unless {@code --keep}), else says where the step files are and where failed steps' logs are.
     */
    void finish(Workflow done, boolean interrupted, PrintStream err) {
        boolean succeeded = !interrupted && done.status().map(s -> s.phase() == WorkflowPhase.SUCCEEDED).orElse(false);
        if (temporary && succeeded && !keep) {
            try {
                deleteTree(dir);
                err.println("skiff: removed the temporary work directory " + dir + " (the workflow succeeded;"
                        + " --keep or --work-dir DIR keeps step files and logs)");
            } catch (IOException e) {
                err.println("skiff: could not remove the temporary work directory " + dir + ": " + e);
            }
            return;
        }
        String why = !temporary ? "" : keep ? " (kept: --keep)"
                : interrupted ? " (a temporary directory, kept: the run was interrupted)"
                : " (a temporary directory, kept: the workflow did not succeed)";
        err.println("skiff: step files and logs: " + dir + why);
        failedSteps(done, err);
    }

    private void failedSteps(Workflow done, PrintStream err) {
        if (done.status().isEmpty()) {
            return;
        }
        List<NodeStatus> failed = done.status().get().nodes().values().stream()
                .filter(n -> n.type() == NodeType.POD && n.phase().isFailedOrError())
                .filter(n -> Files.isDirectory(dir.resolve(n.podName(done.name()))))
                .toList();
        for (NodeStatus node : failed.subList(0, Math.min(LISTED_FAILURES, failed.size()))) {
            Path sandbox = dir.resolve(node.podName(done.name()));
            err.println("skiff: step " + node.name() + " " + node.phase().argoName().toLowerCase(java.util.Locale.ROOT)
                    + ": its output is in " + sandbox.resolve("stdout.log") + " and " + sandbox.resolve("stderr.log"));
        }
        if (failed.size() > LISTED_FAILURES) {
            err.println("skiff: ... and " + (failed.size() - LISTED_FAILURES) + " more failed steps, each in its"
                    + " own directory there");
        }
    }

    /** Deletes the tree without following links; directories a step made read-only are opened first. */
    private static void deleteTree(Path root) throws IOException {
        Set<PosixFilePermission> owner = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                open(d, owner);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // A directory the step made unreadable: open it up once and delete it.
                if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && open(file, owner)) {
                    deleteTree(file);
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Gives the owner rwx on a directory; false when it had them already. */
    private static boolean open(Path dir, Set<PosixFilePermission> owner) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (perms.containsAll(owner)) {
            return false;
        }
        perms.addAll(owner);
        Files.setPosixFilePermissions(dir, perms);
        return true;
    }
}
