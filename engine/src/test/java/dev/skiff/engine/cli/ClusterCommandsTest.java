package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster commands' help and the input they refuse before any cluster is contacted. */
class ClusterCommandsTest {

    private static final String INVALID = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
            + "metadata: {name: bad}\nspec: {entrypoint: main, templates: [{name: main, steps: [[{name: a,"
            + " template: nothere}]]}]}\n";

    @TempDir
    Path dir;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
                TerminalInfo.NONE, Map.of("HOME", dir.toString()), dir, Clock.systemUTC());
        return SkiffMain.execute(io, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryClusterCommandWithOneLine() {
        assertThat(run("--help")).isZero();

        for (String command : new String[] {"submit", "list", "get", "watch", "logs", "stop", "terminate", "suspend",
            "resume", "delete"}) {
            assertThat(out()).containsPattern("(?m)^  " + command + " +\\S");
        }
        assertThat(run("submit", "--help")).isZero();
        assertThat(out()).contains("--wait", "--kubeconfig", "--context", "-n, --namespace", "Exit codes");
    }

    @Test
    void submitLintsFirstLikeRunAndContactsNoCluster() throws IOException {
        Path wf = Files.writeString(dir.resolve("bad.yaml"), INVALID);

        assertThat(run("submit", wf.toString(), "-n", "x")).isEqualTo(2);
        assertThat(err()).contains("bad.yaml: ", "nothere", "(hint: ").doesNotContain("kubeconfig");
        assertThat(out()).isEmpty();
    }

    @Test
    void submitWaitUnderOutputJsonPrintsTheRejectedWorkflowAsRunDoes() throws IOException {
        Path wf = Files.writeString(dir.resolve("bad.yaml"), INVALID);
        assertThat(run("run", wf.toString(), "-o", "json")).isEqualTo(2);
        JsonNode fromRun = withoutIdentity(TestingWorkflowObjects.JSON.readTree(out()));

        assertThat(run("submit", wf.toString(), "--wait", "-o", "json")).isEqualTo(2);
        JsonNode fromSubmit = withoutIdentity(TestingWorkflowObjects.JSON.readTree(out()));

        assertThat(fromSubmit).isEqualTo(fromRun);
        assertThat(fromSubmit.path("status").path("message").asText()).startsWith("invalid spec: ");
    }

    @Test
    void withoutAKubeconfigTheClusterCommandsSayWhereTheyLookedAndExit2() {
        assertThat(run("list")).isEqualTo(2);
        assertThat(err()).contains("skiff: no kubeconfig found (looked at " + dir.resolve(".kube/config"),
                "pass --kubeconfig FILE or set KUBECONFIG").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableServerIsOneLineNamingItAndExit1WithoutTheToken() throws IOException {
        TestingPluginsFolder.authToken(dir);
        Path kubeconfig = Files.writeString(dir.resolve("closed.kubeconfig"), """
                current-context: closed
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
                contexts: [{name: closed, context: {cluster: c, user: u}}]
                users: [{name: u, user: {token: do-not-print-me}}]
                """);

        int exit = SkiffMain.execute(new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
                TerminalInfo.NONE, Map.of("SKIFF_HOME", dir.toString()), dir, Clock.systemUTC()),
                "get", "wf", "--kubeconfig", kubeconfig.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err()).startsWith("skiff: cannot reach the API server at 127.0.0.1:1: ").hasLineCount(1)
                .doesNotContain("do-not-print-me");
    }

    @Test
    void badOptionsAreExit2() throws IOException {
        Path wf = Files.writeString(dir.resolve("ok.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: ok}\nspec: {entrypoint: main, templates: [{name: main, container: {image: a}}]}\n");

        assertThat(run("submit", wf.toString(), "-o", "table")).isEqualTo(2);
        assertThat(err()).contains("-o table: expected json, yaml, name, wide");
        assertThat(run("submit", wf.toString(), "--dry-run")).isEqualTo(2);
        assertThat(err()).contains("--dry-run needs an output option");
        assertThat(run("submit", wf.toString(), "--log", "-o", "json")).isEqualTo(2);
        assertThat(run("list", "--completed", "--running")).isEqualTo(2);
        assertThat(err()).contains("--completed and --running cannot be used together");
        assertThat(run("stop")).isEqualTo(2);
        assertThat(run("logs", "wf", "--grep", "(")).isEqualTo(2);
        assertThat(err()).contains("--grep (: not a regular expression");
        assertThat(run("resume", "wf", "--node-field-selector", "approve")).isEqualTo(2);
    }

    private static JsonNode withoutIdentity(JsonNode wf) {
        ObjectNode copy = wf.deepCopy();
        ObjectNode metadata = (ObjectNode) copy.get("metadata");
        metadata.remove(java.util.List.of("name", "uid", "creationTimestamp"));
        ObjectNode status = (ObjectNode) copy.get("status");
        status.remove(java.util.List.of("startedAt", "finishedAt"));
        return copy;
    }
}
