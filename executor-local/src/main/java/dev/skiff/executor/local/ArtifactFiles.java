package dev.skiff.executor.local;

import dev.skiff.spi.artifact.ArtifactStore;
import dev.skiff.spi.executor.ArtifactArchive;
import dev.skiff.spi.executor.ArtifactOutcome;
import dev.skiff.spi.executor.InputArtifact;
import dev.skiff.spi.executor.OutputArtifact;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Places input artifacts into a step's sandbox and saves its output artifacts, as Argo's {@code init} and
 * {@code wait} containers do, against a repository of plain directories ({@code file:} locations).
 */
final class ArtifactFiles {

    private ArtifactFiles() {
    }

    /**
     * Puts the input at {@code target}: raw data as a file; a stored directory as a copy; a stored
     * gzip-compressed tar unpacked (its single top-level entry becomes {@code target}, several go below it);
     * any other stored file as a copy. A location that is not a {@code file:} URI is fetched through the artifact
     * store of its scheme first. What is at {@code target} already is replaced only when {@code mayReplace} (this
     * run created it: the step's own sandbox); otherwise the input fails.
     */
    static ArtifactOutcome place(InputArtifact input, Path target, boolean mayReplace,
                                 Function<String, Optional<ArtifactStore>> stores) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (!mayReplace) {
                    return ArtifactOutcome.failed(input.name(), target + " already exists in a volume: Skiff never"
                            + " overwrites what this run did not create there");
                }
                deleteTree(target);
            }
            if (input.data().isPresent()) {
                Files.writeString(target, input.data().get(), StandardCharsets.UTF_8);
            } else {
                URI location = input.location().orElseThrow();
                Optional<Path> source = localPath(location);
                if (source.isPresent()) {
                    if (!Files.exists(source.get())) {
                        return ArtifactOutcome.notFound(input.name());
                    }
                    load(source.get(), target, input.archive());
                } else {
                    Optional<ArtifactStore> store = stores.apply(location.getScheme());
                    if (store.isEmpty()) {
                        return ArtifactOutcome.failed(input.name(), noStore(location));
                    }
                    if (!fetch(store.get(), location, target, input.archive())) {
                        return ArtifactOutcome.notFound(input.name());
                    }
                }
            }
            if (input.mode().isPresent()) {
                applyMode(target, input.mode().getAsInt(), input.recurseMode());
            }
            return ArtifactOutcome.done(input.name());
        } catch (IOException | RuntimeException e) {
            return ArtifactOutcome.failed(input.name(), describe(e));
        }
    }

    /** Fetches into a fresh directory of this run's beside the target, then places it; false when absent. */
    private static boolean fetch(ArtifactStore store, URI location, Path target, Optional<ArtifactArchive> archive)
            throws IOException {
        Path scratch = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".skiff-fetch-");
        try {
            Path fetched = scratch.resolve("object");
            if (store.fetch(location, fetched) == ArtifactStore.Fetched.NOT_FOUND) {
                return false;
            }
            load(fetched, target, archive);
            return true;
        } finally {
            deleteTree(scratch);
        }
    }

    private static String noStore(URI location) {
        return "the local executor reaches no " + location.getScheme() + ": artifact store (for s3: install the"
                + " artifacts-s3 plugin)";
    }

    private static void load(Path source, Path target, Optional<ArtifactArchive> archive) throws IOException {
        if (Files.isDirectory(source)) {
            copyTree(source, target);
            return;
        }
        boolean tar = archive.map(a -> a == ArtifactArchive.TAR_GZ).orElseGet(() -> isGzip(source));
        if (!tar) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        // A fresh directory of this run's beside the target, so that nothing else is ever cleared.
        Path unpacked = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".skiff-unpack-");
        try {
            List<String> top = TarGz.unpack(source, unpacked);
            if (top.size() == 1) {
                Files.move(unpacked.resolve(top.get(0)), target, LinkOption.NOFOLLOW_LINKS);
            } else {
                Files.move(unpacked, target);
            }
        } finally {
            deleteTree(unpacked);
        }
    }

    /**
     * Saves the file or directory at {@code source} to the output's location; NOT_FOUND when it is absent.
     * A {@code file:} location that holds something this run did not store there fails the output, untouched; other
     * locations go through the artifact store of their scheme, which replaces what is there (as Argo's drivers do).
     */
    static ArtifactOutcome save(OutputArtifact output, Path source, WorkDirectory work,
                                Function<String, Optional<ArtifactStore>> stores) {
        try {
            Optional<Path> location = localPath(output.location());
            if (location.isEmpty()) {
                return saveToStore(output, source, work, stores);
            }
            if (!Files.exists(source)) {
                return ArtifactOutcome.notFound(output.name());
            }
            Path stored = location.get();
            if (!work.claimArtifact(stored)) {
                return ArtifactOutcome.failed(output.name(), stored + " already exists and this run did not store it"
                        + " (an earlier run's artifact with the same key?): Skiff never overwrites it; remove it or"
                        + " choose an empty --work-dir");
            }
            Files.createDirectories(stored.getParent());
            deleteTree(stored);
            switch (output.archive()) {
                case TAR_GZ -> TarGz.pack(source, stored);
                case NONE -> {
                    if (Files.isDirectory(source)) {
                        copyTree(source, stored);
                    } else {
                        Files.copy(source, stored, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
                case ZIP -> {
                    return ArtifactOutcome.failed(output.name(), "archive zip is not supported by the local executor");
                }
            }
            return ArtifactOutcome.done(output.name());
        } catch (IOException | RuntimeException e) {
            return ArtifactOutcome.failed(output.name(), describe(e));
        }
    }

    private static ArtifactOutcome saveToStore(OutputArtifact output, Path source, WorkDirectory work,
                                               Function<String, Optional<ArtifactStore>> stores) throws IOException {
        Optional<ArtifactStore> store = stores.apply(output.location().getScheme());
        if (store.isEmpty()) {
            return ArtifactOutcome.failed(output.name(), noStore(output.location()));
        }
        if (!Files.exists(source)) {
            return ArtifactOutcome.notFound(output.name());
        }
        switch (output.archive()) {
            case NONE -> store.get().store(source, output.location());
            case TAR_GZ -> {
                Path scratch = Files.createTempDirectory(work.dir(), ".skiff-pack-");
                try {
                    Path packed = scratch.resolve("artifact.tgz");
                    TarGz.pack(source, packed);
                    store.get().store(packed, output.location());
                } finally {
                    deleteTree(scratch);
                }
            }
            case ZIP -> {
                return ArtifactOutcome.failed(output.name(), "archive zip is not supported by the local executor");
            }
        }
        return ArtifactOutcome.done(output.name());
    }

    /** An I/O error in words: Java's file exceptions carry only the path as message. */
    static String describe(Exception e) {
        return switch (e) {
            case java.nio.file.AccessDeniedException a -> "permission denied: " + a.getFile();
            case java.nio.file.NoSuchFileException n -> "no such file or directory: " + n.getFile();
            case java.nio.file.FileAlreadyExistsException f -> "file exists: " + f.getFile();
            case java.nio.file.FileSystemException f -> f.getMessage();
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }

    private static Optional<Path> localPath(URI location) {
        return "file".equals(location.getScheme()) ? Optional.of(Path.of(location)) : Optional.empty();
    }

    private static boolean isGzip(Path file) {
        try {
            return TarGz.isGzip(file);
        } catch (IOException e) {
            return false;
        }
    }

    /** Sets the mode on the target (and below it); links are skipped, since chmod would follow them out. */
    private static void applyMode(Path target, int mode, boolean recurse) throws IOException {
        if (!recurse || !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isSymbolicLink(target)) {
                Files.setPosixFilePermissions(target, TarGz.permissions(mode));
            }
            return;
        }
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setPosixFilePermissions(p, TarGz.permissions(mode));
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /**
     * Deletes a file or a whole directory tree without following links; nothing when absent. Callers pass
     * only what this run created (a sandbox's content, an artifact this run stored, its own temporary
     * directory).
     */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
