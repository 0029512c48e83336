package dev.skiff.executor.local;

import dev.skiff.spi.executor.OutputArtifact;
import dev.skiff.spi.executor.OutputFile;
import dev.skiff.spi.executor.StepRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * A step's own directory, {@code <workDir>/<stepId>/}: {@code root/} stands for the container's
 * {@code /} (see {@link SandboxPathMapping}), {@code script} holds a script template's source,
 * {@code stdout.log} and {@code stderr.log} the captured output. Declared artifact paths are mapped
 * like output file paths.
 *
 * @param dir     the sandbox directory
 * @param mapping the path mapping into {@code dir/root}
 */
record StepSandbox(Path dir, SandboxPathMapping mapping) {

    /** Where an input artifact would be placed: see {@link #placement}. */
    enum Placement {
        /** In the step's own sandbox, which this run created: whatever is there may be replaced. */
        IN_SANDBOX,
        /** In a volume's directory: only where nothing exists yet. */
        IN_VOLUME,
        /** Elsewhere (a path that climbs out, or a link leading out): refused. */
        OUTSIDE
    }

    /**
     * Creates a fresh sandbox for the request, a new directory {@code <workDir>/<stepId>}; one that exists
     * already (an earlier run's, or the user's own files) is an error, never cleared.
     */
    static StepSandbox create(WorkDirectory work, StepRequest request) throws IOException {
        Path workDir = work.dir();
        Path dir = work.createSandbox(request.ref().stepId());
        Path root = dir.resolve("root");
        Files.createDirectories(root);
        List<String> outputPaths = new java.util.ArrayList<>(request.outputFiles().stream().map(OutputFile::path).toList());
        request.inputArtifacts().forEach(a -> outputPaths.add(a.path()));
        request.outputArtifacts().forEach(a -> outputPaths.add(a.path()));
        List<VolumeMount> mounts = VolumeMount.of(request.podSpec(), dir,
                workDir.resolve("workflows").resolve(safe(request.workflowName())).toAbsolutePath().normalize());
        for (VolumeMount mount : mounts) {
            Files.createDirectories(mount.hostDir());
        }
        SandboxPathMapping mapping = SandboxPathMapping.of(root, outputPaths, request.command().workingDir(), mounts);
        StepSandbox sandbox = new StepSandbox(dir, mapping);
        sandbox.createMappedDirectories(request);
        return sandbox;
    }

    /** The directory that stands for the container's {@code /}. */
    Path root() {
        return mapping.root();
    }

    Path stdout() {
        return dir.resolve("stdout.log");
    }

    Path stderr() {
        return dir.resolve("stderr.log");
    }

    /** Writes a script template's source (with mapped paths) as an executable file. */
    Optional<Path> writeScript(Optional<String> source) throws IOException {
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Path script = dir.resolve("script");
        Files.writeString(script, mapping.rewrite(source.get()), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Optional.of(script);
    }

    /** Where a container path (an artifact's) lives on the host. */
    Path hostPath(String containerPath, Optional<String> workingDir) {
        return mapping.hostPath(containerPath, workingDir);
    }

    /**
     * Where a host path lies: in this sandbox, in one of its volumes, or outside both, judged by the real
     * path (links resolved) of its nearest existing parent, so that a link an earlier step left in a shared
     * volume, or an artifact unpacked before, cannot lead a placement out.
     */
    Placement placement(Path hostPath) throws IOException {
        Path normal = hostPath.toAbsolutePath().normalize();
        Path parent = normal.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null) {
            return Placement.OUTSIDE;
        }
        Path real = parent.toRealPath();
        if (normal.startsWith(dir) && real.startsWith(dir.toRealPath())) {
            return Placement.IN_SANDBOX;
        }
        for (VolumeMount mount : mapping.mounts()) {
            if (normal.startsWith(mount.hostDir()) && Files.exists(mount.hostDir())
                    && real.startsWith(mount.hostDir().toRealPath())) {
                return Placement.IN_VOLUME;
            }
        }
        return Placement.OUTSIDE;
    }

    /** Where an output file lives on the host. */
    Path hostPath(OutputFile output, Optional<String> workingDir) {
        return mapping.hostPath(output.path(), workingDir);
    }

    private void createMappedDirectories(StepRequest request) throws IOException {
        Optional<String> workingDir = request.command().workingDir();
        Files.createDirectories(mapping.workingDirectory(workingDir));
        // An image has the top-level directories (/tmp, /mnt, ...) that artifact paths lie in (and /tmp, which
        // an output directory may be), but not necessarily the directories below them, which a step may create.
        for (OutputArtifact artifact : request.outputArtifacts()) {
            Optional<String> top = topDirectory(artifact.path());
            if (top.isPresent()) {
                createUnderRoot(top.get(), workingDir);
            }
        }
        // Not for output artifacts: a step may create their directories itself (os.mkdir fails on an existing one).
        for (OutputFile output : request.outputFiles()) {
            Path parent = hostPath(output, workingDir).getParent();
            if (parent != null && (parent.startsWith(root()) || parent.startsWith(dir))) {
                Files.createDirectories(parent);
            }
        }
    }

    private static Optional<String> topDirectory(String path) {
        String normal = SandboxPathMapping.normalize(path);
        int second = normal.indexOf('/', 1);
        if (normal.equals("/tmp")) {
            return Optional.of(normal);
        }
        return normal.startsWith("/") && second > 1 ? Optional.of(normal.substring(0, second)) : Optional.empty();
    }

    private void createUnderRoot(String containerDir, Optional<String> workingDir) throws IOException {
        Path host = hostPath(containerDir, workingDir);
        if (host.startsWith(root())) {
            Files.createDirectories(host);
        }
    }

    private static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }

}
