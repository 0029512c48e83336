package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.core.ArtifactGarbage;
import dev.skiff.engine.core.ArtifactRepository;
import dev.skiff.engine.lint.LocalArtifactSetup;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.plugin.ArtifactStoreCatalog;
import dev.skiff.engine.plugin.PluginLoader;
import dev.skiff.engine.plugin.PluginSet;
import dev.skiff.spi.artifact.ArtifactStore;
import dev.skiff.spi.artifact.ArtifactStoreContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code skiff run} uses for artifacts: its work directory's repository, or the S3 repository of
 * {@code --artifact-repository}; the artifact stores of the {@code artifacts-s3} plugin (loaded only when the run
 * may need it: a repository or secrets given, or an S3 location in the workflow); the secrets of {@code --secret}.
 */
final class RunArtifacts implements AutoCloseable {

    /** The plugin folder that serves {@code s3://} locations. */
    static final String S3_PLUGIN = "artifacts-s3";

    private final Optional<ObjectNode> repository;
    private final LocalSecrets secrets;
    private final ArtifactStoreCatalog stores;

    private RunArtifacts(Optional<ObjectNode> repository, LocalSecrets secrets, ArtifactStoreCatalog stores) {
        this.repository = repository;
        this.secrets = secrets;
        this.stores = stores;
    }

    /** Reads the options; a bad file or a repository that cannot be used is the user's to fix (exit 2). */
    static RunArtifacts open(CliIo io, Workflow wf, Path repositoryFile, List<Path> secretFiles) {
        LocalSecrets secrets = LocalSecrets.read(secretFiles.stream().map(f -> io.workingDirectory().resolve(f))
                .toList());
        boolean wanted = repositoryFile != null || !secretFiles.isEmpty() || namesS3Location(wf.document());
        ArtifactStoreCatalog stores = ArtifactStoreCatalog.empty();
        if (wanted) {
            PluginSet plugins = new PluginLoader().loadOne(ClusterOptions.pluginsDirectory(io).resolve(S3_PLUGIN));
            plugins.problems().forEach(p -> io.err().println("skiff: warning: " + p.message()));
            stores = ArtifactStoreCatalog.of(plugins, context(secrets));
        }
        boolean s3Store = stores.schemes().contains("s3");
        JsonNode ref = wf.spec().raw().path("artifactRepositoryRef");
        Optional<ObjectNode> repository = Optional.ofNullable(repositoryFile).map(f -> LocalArtifactRepository.read(
                io.workingDirectory().resolve(f), s3Store, secrets, ref));
        if (repository.filter(r -> r.path("archiveLogs").asBoolean(false)).isPresent()) {
            io.err().println("skiff: note: archiveLogs: skiff run does not archive step logs; they stay in the work"
                    + " directory (stdout.log, stderr.log of each step)");
        }
        return new RunArtifacts(repository, secrets, stores);
    }

    /** What lint lets through. */
    LocalArtifactSetup lintSetup() {
        return new LocalArtifactSetup(stores.schemes(), repository.isPresent(), secrets.keys());
    }

    /** The default repository: the S3 one given, else the directory {@code localRoot}. */
    ArtifactRepository repository(URI localRoot) {
        return repository.map(r -> ArtifactRepository.local(r, stores.schemes()))
                .orElseGet(() -> ArtifactRepository.at(localRoot, stores.schemes()));
    }

    /**
     * Argo's artifact GC for a local run, once the workflow is done: the artifacts whose strategy is
     * {@code OnWorkflowCompletion} are deleted (a file or directory of the work directory's repository, or objects
     * through the store; an {@code archive: none} directory's objects under {@code KEY/} too) and marked
     * {@code deleted: true}; a failure is a warning and leaves the artifact unmarked. {@code OnWorkflowDeletion}
     * has no workflow object to wait for locally: those artifacts stay, and a note says how many.
     */
    Workflow collectGarbage(Workflow done, ArtifactRepository repository, PrintStream err) {
        List<ArtifactGarbage.Target> deleted = new ArrayList<>();
        for (ArtifactGarbage.Target target : ArtifactGarbage.collect(done, repository,
                ArtifactGarbage.ON_COMPLETION)) {
            try {
                delete(target.location());
                deleted.add(target);
            } catch (IOException | RuntimeException e) {
                err.println("skiff: warning: artifact GC: artifact " + target.artifact() + " of node "
                        + target.nodeId() + " was not deleted: " + e.getMessage());
            }
        }
        int kept = ArtifactGarbage.collect(done, repository, ArtifactGarbage.ON_DELETION).size();
        if (kept > 0) {
            err.println("skiff: note: artifactGC OnWorkflowDeletion: a local run has no Workflow object to delete;"
                    + " its " + kept + " artifact" + (kept == 1 ? "" : "s") + " stay" + (kept == 1 ? "s" : "")
                    + " in the repository");
        }
        return ArtifactGarbage.markDeleted(done, deleted);
    }

    private void delete(URI location) throws IOException {
        if ("file".equals(location.getScheme())) {
            Path path = Path.of(location);
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            } else {
                Files.deleteIfExists(path);
            }
            return;
        }
        ArtifactStore store = stores.store(location.getScheme()).orElseThrow(() -> new IOException("no "
                + location.getScheme() + ": artifact store is installed"));
        store.delete(location);
        String raw = location.toString();
        int query = raw.indexOf('?');
        String base = query < 0 ? raw : raw.substring(0, query);
        if (!base.endsWith("/")) {
            store.delete(URI.create(base + "/" + (query < 0 ? "" : raw.substring(query))));
        }
    }

    ArtifactStoreCatalog stores() {
        return stores;
    }

    @Override
    public void close() {
        stores.close();
    }

    private static ArtifactStoreContext context(LocalSecrets secrets) {
        return new ArtifactStoreContext() {
            @Override
            public Optional<String> secret(String name, String key) {
                return secrets.value(name, key);
            }

            @Override
            public System.Logger logger() {
                return System.getLogger("dev.skiff.artifacts");
            }
        };
    }

    /** Whether any {@code s3} object of the document has a bucket or an endpoint (a location of its own). */
    private static boolean namesS3Location(JsonNode node) {
        if (node.isObject()) {
            JsonNode s3 = node.get("s3");
            if (s3 != null && s3.isObject() && (s3.has("bucket") || s3.has("endpoint"))) {
                return true;
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (namesS3Location(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (namesS3Location(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
