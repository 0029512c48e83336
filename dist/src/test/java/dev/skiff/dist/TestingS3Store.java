package dev.skiff.dist;

import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An S3-compatible artifact store on the loopback for steps run by Argo's argoexec: moto's S3 server (the AWS
 * emulator venv of {@code auth-eks/src/test/python}, made by its {@code prepare.sh}), one bucket, and, in a
 * namespace, what Argo reads to find it: a Secret with the keys and the {@code artifact-repositories} ConfigMap
 * whose default key is this store.
 */
final class TestingS3Store implements AutoCloseable {

    static final String BUCKET = "skiff-artifacts";

    private final Process process;
    private final int port;

    private TestingS3Store(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the store (its log in {@code dir}) and creates the bucket. */
    static TestingS3Store start(Path root, Path dir) throws IOException, InterruptedException {
        Path prepare = root.resolve("auth-eks/src/test/python/prepare.sh");
        Process venv = new ProcessBuilder("bash", prepare.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String python = new String(venv.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (venv.waitFor() != 0 || python.isEmpty()) {
            throw new IllegalStateException(prepare + " failed (exit " + venv.exitValue() + ")");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(dir);
        Path log = dir.resolve("s3-store.log");
        Process process = new ProcessBuilder(python.lines().reduce((a, b) -> b).orElseThrow(), "-m", "moto.server",
                "-H", "127.0.0.1", "-p", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        TestingS3Store store = new TestingS3Store(process, port);
        try (HttpClient http = HttpClient.newHttpClient()) {
            Await.until("the S3 store on port " + port + " (log " + log + ")", Duration.ofMinutes(1), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the S3 store exited: " + Files.readString(log));
                }
                try {
                    return Optional.of(http.send(HttpRequest.newBuilder(store.uri("/")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode());
                } catch (IOException notYet) {
                    return Optional.empty();
                }
            });
            int created = http.send(HttpRequest.newBuilder(store.uri("/" + BUCKET))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (created != 200) {
                store.close();
                throw new IllegalStateException("creating bucket " + BUCKET + ": HTTP " + created);
            }
        }
        return store;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** {@code host:port}, as an S3 artifact repository's {@code endpoint}. */
    String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** The Secret and the {@code artifact-repositories} ConfigMap that make this store the namespace's default. */
    void becomeTheDefaultRepositoryOf(TestbedCluster cluster, String namespace, Path dir) throws IOException {
        cluster.kubectl("-n", namespace, "create", "secret", "generic", "s3-store", "--from-literal=accessKey=testing",
                "--from-literal=secretKey=testing");
        Path repositories = Files.writeString(dir.resolve("artifact-repositories.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: artifact-repositories
                  annotations: {workflows.argoproj.io/default-artifact-repository: s3}
                data:
                  s3: |
                    s3:
                      bucket: %s
                      endpoint: %s
                      insecure: true
                      accessKeySecret: {name: s3-store, key: accessKey}
                      secretKeySecret: {name: s3-store, key: secretKey}
                """.formatted(BUCKET, endpoint()));
        cluster.kubectl("-n", namespace, "apply", "-f", repositories.toString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
