package dev.skiff.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3-compatible server on the loopback for artifact tests: moto's server (the Python venv that
 * {@code auth-eks/src/test/python/prepare.sh} makes) with request authentication on, so that every S3 request must
 * carry a valid SigV4 signature of a known access key. Its first requests, unsigned, create an IAM user with an
 * allow-all policy, the user's access key ({@link #accessKey()}, {@link #secretKey()}) and the buckets; after that
 * a wrong key or signature gets 403 {@code SignatureDoesNotMatch} or {@code InvalidAccessKeyId}.
 */
public final class S3Server implements AutoCloseable {

    private static final Pattern ACCESS_KEY = Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>");
    private static final Pattern SECRET_KEY = Pattern.compile("<SecretAccessKey>([^<]+)</SecretAccessKey>");
    /** Unsigned requests carry this header only so that moto routes them to IAM; it is not checked yet. */
    private static final String IAM_ROUTE = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/"
            + "aws4_request, SignedHeaders=host, Signature=0";

    private final Process process;
    private final String python;
    private final int port;
    private final String accessKey;
    private final String secretKey;

    private S3Server(Process process, String python, int port, String accessKey, String secretKey) {
        this.process = process;
        this.python = python;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts the server with {@code buckets} created, its log in {@code dir}. The venv is found through the
     * repository (system property {@code skiff.testbed.dir}, the testbed's scripts, whose parent is the root).
     */
    public static S3Server start(Path dir, List<String> buckets) throws IOException, InterruptedException {
        Path root = Optional.ofNullable(System.getProperty(ProcessTestbed.DIR_PROPERTY)).map(Path::of)
                .map(p -> p.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
        while (root != null && !Files.exists(root.resolve("auth-eks/src/test/python/prepare.sh"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new TestbedException("cannot find auth-eks/src/test/python/prepare.sh (the moto venv) above "
                    + Path.of("").toAbsolutePath());
        }
        Path prepare = root.resolve("auth-eks/src/test/python/prepare.sh");
        Process venv = new ProcessBuilder("bash", prepare.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String printed = new String(venv.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (venv.waitFor() != 0 || printed.isEmpty()) {
            throw new TestbedException(prepare + " failed (exit " + venv.exitValue() + ")");
        }
        String python = printed.lines().reduce((a, b) -> b).orElseThrow();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(dir);
        Path log = dir.resolve("s3-server-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(python, "-m",
                "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Authentication starts after the set-up requests: user, access key, policy, one per bucket.
        builder.environment().put("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(3 + buckets.size()));
        Process process = builder.start();
        try {
            Await.until("the S3 server on port " + port + " (log " + log + ")", Duration.ofMinutes(1), () -> {
                if (!process.isAlive()) {
                    throw new TestbedException("the S3 server exited: " + Files.readString(log));
                }
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                    return Optional.of(true);
                } catch (IOException notYet) {
                    return Optional.empty();
                }
            });
            try (HttpClient http = HttpClient.newHttpClient()) {
                URI base = URI.create("http://127.0.0.1:" + port + "/");
                iam(http, base, "Action=CreateUser&UserName=skiff");
                String key = iam(http, base, "Action=CreateAccessKey&UserName=skiff");
                iam(http, base, "Action=PutUserPolicy&UserName=skiff&PolicyName=all&PolicyDocument="
                        + URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"*\",\"Resource\":\"*\"}]}", StandardCharsets.UTF_8));
                for (String bucket : buckets) {
                    int status = http.send(HttpRequest.newBuilder(base.resolve(bucket))
                            .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status != 200) {
                        throw new TestbedException("creating bucket " + bucket + ": HTTP " + status);
                    }
                }
                return new S3Server(process, python, port, find(ACCESS_KEY, key), find(SECRET_KEY, key));
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String iam(HttpClient http, URI base, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base).header("Authorization", IAM_ROUTE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2010-05-08")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new TestbedException("S3 server set-up " + form.substring(0, form.indexOf('&')) + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String find(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new TestbedException("no " + pattern + " in the S3 server's CreateAccessKey answer");
        }
        return m.group(1);
    }

    /** {@code 127.0.0.1:PORT}, as an S3 artifact repository's {@code endpoint} (with {@code insecure: true}). */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** The access key id every request must be signed with. */
    public String accessKey() {
        return accessKey;
    }

    /** Its secret key. */
    public String secretKey() {
        return secretKey;
    }

    /**
     * The keys of the objects in {@code bucket}, sorted, and their contents' sizes, listed with boto3 (botocore signs
     * independently of the client under test): {@code key=size} per entry.
     */
    public List<String> objects(String bucket) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(python, "-c", String.join("\n",
                "import boto3, sys",
                "s3 = boto3.client('s3', endpoint_url='http://" + endpoint() + "', region_name='us-east-1')",
                "for page in s3.get_paginator('list_objects_v2').paginate(Bucket=sys.argv[1]):",
                "    for o in page.get('Contents', []): print(o['Key'] + '=' + str(o['Size']))"), bucket);
        builder.environment().put("AWS_ACCESS_KEY_ID", accessKey);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", secretKey);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process list = builder.start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (list.waitFor() != 0) {
            throw new TestbedException("listing bucket " + bucket + " failed (exit " + list.exitValue() + ")");
        }
        return out.lines().sorted().toList();
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
