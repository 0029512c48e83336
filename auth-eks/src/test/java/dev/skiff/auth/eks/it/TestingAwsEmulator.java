package dev.skiff.auth.eks.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The local AWS of src/test/python/skiff_aws_emulator as a child process: an EKS Pod Identity
 * agent, STS and EKS (moto behind a SigV4 check) and one EKS-style webhook authenticator per
 * cluster. The venv comes from prepare.sh (created on first use, then cached). Its control port
 * lets a test revoke a session, delete an access entry and read back what the emulator did.
 */
public final class TestingAwsEmulator implements AutoCloseable {

    public static final String HUB_ACCOUNT = "111111111111";
    public static final String SPOKE_ACCOUNT = "222222222222";
    public static final String HUB_ROLE = "arn:aws:iam::" + HUB_ACCOUNT + ":role/skiff-hub-controller";
    /** Trusts the hub role and has an access entry on every cluster (group {@link #SPOKE_GROUP}). */
    public static final String SPOKE_ROLE = "arn:aws:iam::" + SPOKE_ACCOUNT + ":role/skiff-spoke";
    /** Trusts the hub role but has no access entry anywhere. */
    public static final String NO_ENTRY_ROLE = "arn:aws:iam::" + SPOKE_ACCOUNT + ":role/skiff-no-access-entry";
    /** Exists, but does not trust the hub role. */
    public static final String UNTRUSTED_ROLE = "arn:aws:iam::" + SPOKE_ACCOUNT + ":role/skiff-untrusting";
    public static final String SPOKE_GROUP = "skiff:spoke-controllers";
    public static final String REGION = "eu-west-1";

    /** A second spoke account, for clusters of another AWS account (its own {@code skiff-spoke} role). */
    public static final String SECOND_SPOKE_ACCOUNT = "333333333333";

    /**
     * One emulated EKS cluster: its API server, CA, the port its webhook listens on (0: any) and the account it
     * lives in, whose role {@code skiff-spoke} (trusting the hub role) has an access entry on it.
     */
    public record Cluster(String name, String endpoint, Path caFile, int webhookPort, String account) {

        /** A cluster of {@link #SPOKE_ACCOUNT}. */
        public Cluster(String name, String endpoint, Path caFile, int webhookPort) {
            this(name, endpoint, caFile, webhookPort, SPOKE_ACCOUNT);
        }

        /** The role of this cluster's account that the hub assumes to reach it. */
        public String spokeRole() {
            return "arn:aws:iam::" + account + ":role/skiff-spoke";
        }
    }

    /**
     * One thing the emulator did, in order: a token review ({@code kind} "review": the key that
     * signed the token, whether it was accepted, and the webhook's words) or an AssumeRole session
     * ({@code kind} "assume-role": the new session's key, {@code detail} the role). {@code at} is when the reviewed
     * token was signed, or when the session ends (empty when unknown).
     */
    public record Event(String kind, String accessKeyId, boolean authenticated, String detail,
            Optional<Instant> at) {

        /** {@code review KEY accepted|refused} or {@code assume-role ROLE KEY}. */
        @Override
        public String toString() {
            return kind.equals("review") ? "review " + accessKeyId + (authenticated ? " accepted" : " refused")
                    : kind + " " + detail + " " + accessKeyId;
        }
    }

    private static final Pattern PORT = Pattern.compile("\"([\\w-]+)\": (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The emulator's sources: this module's, also when another module (dist) runs the fixture. */
    private static final Path PYTHON_DIR = Files.isDirectory(Path.of("src/test/python/skiff_aws_emulator"))
            ? Path.of("src/test/python").toAbsolutePath()
            : Path.of("../auth-eks/src/test/python").toAbsolutePath().normalize();

    private final Process process;
    private final Map<String, Integer> ports;
    private final Path podIdentityTokenFile;
    private final StringBuffer log;

    private TestingAwsEmulator(Process process, Map<String, Integer> ports, Path podIdentityTokenFile, StringBuffer log) {
        this.process = process;
        this.ports = ports;
        this.podIdentityTokenFile = podIdentityTokenFile;
        this.log = log;
    }

    /** Starts the emulator with its files in {@code dir}; the Pod Identity token is {@code podToken}. */
    public static TestingAwsEmulator start(Path dir, String podToken, List<Cluster> clusters) throws IOException, InterruptedException {
        return start(dir, podToken, clusters, null);
    }

    /**
     * As {@link #start(Path, String, List)}, but every AssumeRole session lasts {@code stsSession} (null: as asked,
     * an hour), so a test sees sessions, and the tokens they signed, end.
     */
    public static TestingAwsEmulator start(Path dir, String podToken, List<Cluster> clusters,
            Duration stsSession) throws IOException, InterruptedException {
        Path tokenFile = dir.resolve("eks-pod-identity-token");
        Files.writeString(tokenFile, podToken);
        Path config = dir.resolve("emulator.json");
        Files.writeString(config, config(tokenFile, clusters, stsSession));
        Process process = new ProcessBuilder(python().toString(), "-m", "skiff_aws_emulator", config.toString())
                .directory(PYTHON_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        var emulatorLog = new StringBuffer();
        Thread.ofPlatform().daemon().name("aws-emulator-log").start(() -> drain(process, emulatorLog));
        var stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = stdout.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
            throw new IllegalStateException("the AWS emulator did not start; it said: " + ready + "\n" + emulatorLog);
        }
        Map<String, Integer> ports = new java.util.HashMap<>();
        Matcher m = PORT.matcher(ready);
        while (m.find()) {
            ports.put(m.group(1), Integer.valueOf(m.group(2)));
        }
        return new TestingAwsEmulator(process, ports, tokenFile, emulatorLog);
    }

    private static void drain(Process process, StringBuffer into) {
        try (var err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                into.append(line).append('\n');
            }
        } catch (IOException e) {
            into.append("(emulator log ended: ").append(e.getMessage()).append(")\n");
        }
    }

    /** The venv's python, created by prepare.sh if it does not exist yet. */
    static Path python() throws IOException, InterruptedException {
        Process prepare = new ProcessBuilder("bash", PYTHON_DIR.resolve("prepare.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(prepare.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (prepare.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException("src/test/python/prepare.sh failed (exit " + prepare.exitValue() + ")");
        }
        return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    private static String config(Path tokenFile, List<Cluster> clusters, Duration stsSession) {
        String clusterJson = clusters.stream().map(c -> "{\"name\": \"" + c.name() + "\", \"region\": \"" + REGION
                + "\", \"account\": \"" + c.account() + "\", \"endpoint\": \"" + c.endpoint() + "\", \"caFile\": \""
                + c.caFile() + "\", \"webhookPort\": " + c.webhookPort() + ", \"accessEntries\": [{\"principalArn\": \""
                + c.spokeRole() + "\", \"groups\": [\"" + SPOKE_GROUP + "\"]}]}")
                .collect(Collectors.joining(", "));
        String otherSpokeRoles = clusters.stream().map(Cluster::spokeRole).filter(r -> !r.equals(SPOKE_ROLE)).distinct()
                .map(r -> ",\n           {\"roleArn\": \"" + r + "\", \"trustedBy\": [\"" + HUB_ROLE + "\"]}")
                .collect(Collectors.joining());
        return "{" + (stsSession == null ? "" : "\"stsSessionSeconds\": " + stsSession.toSeconds() + ",\n ")
                + "\"podIdentity\": {\"tokenFile\": \"" + tokenFile + "\", \"roleArn\": \"" + HUB_ROLE + "\"},\n"
                + " \"roles\": [{\"roleArn\": \"" + SPOKE_ROLE + "\", \"trustedBy\": [\"" + HUB_ROLE + "\"]},\n"
                + "           {\"roleArn\": \"" + NO_ENTRY_ROLE + "\", \"trustedBy\": [\"" + HUB_ROLE + "\"]},\n"
                + "           {\"roleArn\": \"" + UNTRUSTED_ROLE + "\", \"trustedBy\": []}" + otherSpokeRoles + "],\n"
                + " \"clusters\": [" + clusterJson + "]}\n";
    }

    /** The environment a pod with EKS Pod Identity gets, pointing at this emulator's agent. */
    public Map<String, String> podIdentityEnvironment() {
        return Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + ports.get("podIdentityPort") + "/v1/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", podIdentityTokenFile.toString());
    }

    /** STS and EKS, for the provider's {@code stsEndpoint} and {@code eksEndpoint}. */
    public String awsEndpoint() {
        return "http://127.0.0.1:" + ports.get("awsPort");
    }

    /**
     * Writes a controller config whose one cluster, {@code spoke}, is the testbed's {@code spoke1}
     * reached with the {@code eks} provider as {@code role}, STS and EKS served by this emulator.
     */
    public Path writeSpokeConfig(Path file, String role) throws IOException {
        return Files.writeString(file, """
                clusterSecret: {enabled: false}
                clusters:
                  spoke:
                    auth:
                      type: eks
                      clusterName: spoke1
                      region: %s
                      roleArn: %s
                      stsEndpoint: %s
                      eksEndpoint: %s
                """.formatted(REGION, role, awsEndpoint(), awsEndpoint()));
    }

    public int webhookPort(String cluster) {
        Integer port = ports.get(cluster);
        if (port == null) {
            throw new IllegalArgumentException("the emulator has no webhook for cluster " + cluster);
        }
        return port;
    }

    /** Revokes the STS session of {@code accessKeyId}: tokens it signed are refused from now on. */
    public void revokeAccessKey(String accessKeyId) throws IOException {
        control("POST", "/revoke-access-key", Map.of("accessKeyId", accessKeyId));
    }

    /** Creates (again) {@code principalArn}'s access entry on {@code cluster}, in {@link #SPOKE_GROUP}. */
    public void createAccessEntry(String cluster, String principalArn) throws IOException {
        control("POST", "/create-access-entry", Map.of("cluster", cluster, "principalArn", principalArn, "groups",
                List.of(SPOKE_GROUP)));
    }

    /** Deletes {@code principalArn}'s access entry on {@code cluster}: its tokens are refused from now on. */
    public void deleteAccessEntry(String cluster, String principalArn) throws IOException {
        control("POST", "/delete-access-entry", Map.of("cluster", cluster, "principalArn", principalArn));
    }

    /** Every review and AssumeRole session so far, in order (each recorded before its answer was sent). */
    public List<Event> events() throws IOException {
        List<Event> events = new ArrayList<>();
        for (JsonNode e : JSON.readTree(control("GET", "/events", null))) {
            boolean review = e.path("kind").asText().equals("review");
            String at = e.path(review ? "signedAt" : "expiration").asText(null);
            events.add(new Event(e.path("kind").asText(), e.path("accessKeyId").asText(null),
                    e.path("authenticated").asBoolean(), e.path(review ? "detail" : "role").asText(),
                    Optional.ofNullable(at).map(TestingAwsEmulator::instant)));
        }
        return events;
    }

    /** An AWS time: {@code 20260304T050000Z} (X-Amz-Date) or ISO 8601 (an STS expiration). */
    private static Instant instant(String text) {
        if (text.matches("\\d{8}T\\d{6}Z")) {
            return LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                    .toInstant(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$") ? text
                : text + "Z").toInstant();
    }

    private String control(String method, String path, Map<String, ?> body) throws IOException {
        var connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + ports.get("controlPort") + path).toURL()
                .openConnection();
        connection.setRequestMethod(method);
        if (body != null) {
            connection.setDoOutput(true);
            try (var out = connection.getOutputStream()) {
                JSON.writeValue(out, body);
            }
        }
        int code = connection.getResponseCode();
        try (var in = code == 200 ? connection.getInputStream() : connection.getErrorStream()) {
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (code != 200) {
                throw new IllegalStateException("the emulator's " + path + " answered " + code + ": " + answer);
            }
            return answer;
        }
    }

    /** What the emulator logged so far (no secrets: it logs key ids and ARNs only). */
    public String log() {
        return log.toString();
    }

    /** Closes the emulator's standard input, which stops it; kills it if it lingers. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
