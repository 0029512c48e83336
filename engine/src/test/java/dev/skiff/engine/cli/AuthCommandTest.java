package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.spi.auth.BearerToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), TerminalInfo.NONE, Map.of(), dir, Clock.systemUTC());
        return SkiffMain.execute(io, args);
    }

    @Test
    void execCredentialIsTheV1beta1ShapeWithTheTokenAndAnExpiryAMinuteEarly() throws Exception {
        var token = new BearerToken("k8s-aws-v1.aHR0cHM6Ly9zdHM", Optional.of(Instant.parse("2026-03-04T05:21:07.123Z")));

        JsonNode json = new ObjectMapper().readTree(AuthCommand.execCredential(token));

        assertThat(json.path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(json.path("kind").asText()).isEqualTo("ExecCredential");
        assertThat(json.path("status").path("token").asText()).isEqualTo("k8s-aws-v1.aHR0cHM6Ly9zdHM");
        assertThat(json.path("status").path("expirationTimestamp").asText()).isEqualTo("2026-03-04T05:20:07Z");
    }

    @Test
    void missingRegionIsExit2NamingTheOption() {
        assertThat(run("auth", "eks-token", "--cluster-name", "spoke")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--region").doesNotContain("Exception");
    }

    @Test
    void withoutTheEksPluginIsExit2SayingWhichTypesExist() {
        assertThat(run("auth", "eks-token", "--cluster-name", "spoke", "--region", "eu-west-1",
                "--plugins", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown auth type 'eks'").contains(dir.toString());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void authAloneIsExit2WithAHint() {
        assertThat(run("auth")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("eks-token");
    }
}
