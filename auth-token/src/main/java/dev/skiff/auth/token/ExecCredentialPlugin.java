package dev.skiff.auth.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A kubeconfig {@code exec} credential plugin ({@code client.authentication.k8s.io/v1} or
 * {@code v1beta1}): runs the command with {@code KUBERNETES_EXEC_INFO} set and reads the
 * {@code ExecCredential} it prints, including {@code status.expirationTimestamp}.
 */
record ExecCredentialPlugin(String contextName, String apiVersion, String command, List<String> args,
        Map<String, String> env, Optional<String> installHint, Optional<ObjectNode> clusterInfo,
        Duration timeout) {

    static final List<String> API_VERSIONS =
            List.of("client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_STDERR = 2000;

    static ExecCredentialPlugin of(Kubeconfig kubeconfig, Kubeconfig.Context context, JsonNode exec) {
        String where = "kubeconfig " + kubeconfig.source() + ": user of context '" + context.name() + "': exec";
        String apiVersion = Kubeconfig.text(exec.path("apiVersion")).orElse("");
        if (!API_VERSIONS.contains(apiVersion)) {
            throw new ClusterAuthException(where + ".apiVersion must be one of " + API_VERSIONS);
        }
        String command = Kubeconfig.text(exec.path("command"))
                .orElseThrow(() -> new ClusterAuthException(where + ".command is required"));
        if (command.contains("/") && !Path.of(command).isAbsolute()) {
            command = kubeconfig.resolve(command).toString();
        }
        if ("Always".equals(exec.path("interactiveMode").asText())) {
            throw new ClusterAuthException(where + ".interactiveMode is Always, but Skiff runs unattended;"
                    + " use a plugin that needs no terminal");
        }
        List<String> args = new ArrayList<>();
        exec.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        exec.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        Optional<ObjectNode> clusterInfo = exec.path("provideClusterInfo").asBoolean(false)
                ? Optional.of(clusterInfo(context.cluster())) : Optional.empty();
        return new ExecCredentialPlugin(context.name(), apiVersion, command, List.copyOf(args), Map.copyOf(env),
                Kubeconfig.text(exec.path("installHint")), clusterInfo, Duration.ofMinutes(2));
    }

    private static ObjectNode clusterInfo(JsonNode cluster) {
        ObjectNode info = JSON.createObjectNode();
        for (String key : List.of("server", "tls-server-name", "insecure-skip-tls-verify",
                "certificate-authority-data", "proxy-url", "disable-compression")) {
            if (!cluster.path(key).isMissingNode()) {
                info.set(key, cluster.get(key));
            }
        }
        if (!cluster.path("extensions").isMissingNode()) {
            for (JsonNode ext : cluster.path("extensions")) {
                if ("client.authentication.k8s.io/exec".equals(ext.path("name").asText())) {
                    info.set("config", ext.path("extension"));
                }
            }
        }
        return info;
    }

    /** Runs the plugin and returns its token. */
    BearerToken fetch(Map<String, String> environment) {
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().putAll(env);
        pb.environment().put("KUBERNETES_EXEC_INFO", execInfo());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ClusterAuthException(what() + " cannot be started: " + e.getMessage()
                    + installHint.map(h -> ". " + h).orElse(""));
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ClusterAuthException(what() + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new ClusterAuthException(what() + " failed with exit code " + process.exitValue()
                        + stderrTail(stderr.join()));
            }
            return parse(stdout.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ClusterAuthException(what() + " was interrupted");
        }
    }

    BearerToken parse(byte[] output) {
        JsonNode credential;
        try {
            credential = JSON.readTree(output);
        } catch (IOException e) {
            throw new ClusterAuthException(what() + " printed something that is not an ExecCredential JSON object");
        }
        if (credential == null || !"ExecCredential".equals(credential.path("kind").asText())) {
            throw new ClusterAuthException(what() + " printed no ExecCredential (kind must be ExecCredential)");
        }
        if (!apiVersion.equals(credential.path("apiVersion").asText())) {
            throw new ClusterAuthException(what() + " answered with apiVersion '" + credential.path("apiVersion").asText()
                    + "' but was asked for " + apiVersion);
        }
        JsonNode status = credential.path("status");
        Optional<String> token = Kubeconfig.text(status.path("token"));
        if (token.isEmpty()) {
            String why = status.has("clientCertificateData")
                    ? " (it returned a client certificate; Skiff's exec support takes tokens only)" : "";
            throw new ClusterAuthException(what() + " returned no status.token" + why);
        }
        Optional<java.time.Instant> expiry = Kubeconfig.text(status.path("expirationTimestamp")).map(this::instant);
        return new BearerToken(token.get(), expiry);
    }

    private java.time.Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ClusterAuthException(what() + " returned an expirationTimestamp that is not RFC 3339");
        }
    }

    private String execInfo() {
        ObjectNode info = JSON.createObjectNode();
        info.put("apiVersion", apiVersion).put("kind", "ExecCredential");
        ObjectNode spec = info.putObject("spec");
        spec.put("interactive", false);
        clusterInfo.ifPresent(c -> spec.set("cluster", c));
        return info.toString();
    }

    private String what() {
        return "exec credential plugin '" + Path.of(command).getFileName() + "' of context '" + contextName + "'";
    }

    private static String stderrTail(byte[] err) {
        String text = new String(err, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > MAX_STDERR ? "..." + text.substring(text.length() - MAX_STDERR) : text);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static java.io.File devNull() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    @Override
    public String toString() {
        return "ExecCredentialPlugin[" + command + ", context=" + contextName + "]";
    }
}
