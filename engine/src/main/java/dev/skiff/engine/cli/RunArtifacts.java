package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.core.ArtifactRepository;
import dev.skiff.engine.lint.LocalArtifactSetup;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.plugin.ArtifactStoreCatalog;
import dev.skiff.engine.plugin.PluginLoader;
import dev.skiff.engine.plugin.PluginSet;
import dev.skiff.spi.artifact.ArtifactStoreContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
