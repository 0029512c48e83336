package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkiffMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CliIo io = new CliIo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), TerminalInfo.NONE, Map.of(), dir, Clock.systemUTC());
        return SkiffMain.execute(io, args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommandsAndSaysImagesAreIgnored() {
        assertThat(run("--help")).as(this::err).isZero();
        assertThat(out()).contains("run", "lint", "version", "ignored");

        assertThat(run("run", "--help")).isZero();
        assertThat(out()).contains("IGNORED", "-o", "--work-dir", "Exit codes");
    }

    @Test
    void helpListsEveryCommandOnOneLineWhateverTheLongestName() {
        assertThat(run("--help")).as(this::err).isZero();
        List<String> lines = out().lines().toList();
        java.util.Set<String> commands = new picocli.CommandLine(new SkiffMain(null)).getSubcommands().keySet();

        assertThat(commands).contains("cluster-template");
        int longest = commands.stream().mapToInt(String::length).max().orElseThrow();
        for (String command : commands) {
            // The name, padded to the longest name, then its whole one-line summary.
            assertThat(lines).as(command).anySatisfy(l -> assertThat(l)
                    .matches("  " + java.util.regex.Pattern.quote(command) + " {" + (longest - command.length() + 2)
                            + "}\\S.*\\.$"));
        }
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
    }

    @Test
    void versionPrintsSkiffAndJava() {
        assertThat(run("version")).isZero();
        assertThat(out()).startsWith("skiff ").contains("java ");
    }

    @Test
    void anUnknownOptionIsExit2WithAHint() {
        assertThat(run("run", "--bogus", "x.yaml")).isEqualTo(2);
        assertThat(err()).contains("Unknown option", "--help").doesNotContain("Exception");
    }

    @Test
    void noCommandIsExit2() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("Missing command");
    }

    @Test
    void aMissingFileIsExit2WithoutAStackTrace() {
        assertThat(run("run", dir.resolve("nope.yaml").toString(), "-o", "json")).isEqualTo(2);
        assertThat(err()).contains("nope.yaml: no such file").doesNotContain("\tat ");
        assertThat(out()).isEmpty();
    }

    @Test
    void unreadableYamlIsExit2NamingTheFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "kind: Workflow\nspec: [unclosed\n");

        assertThat(run("run", bad.toString())).isEqualTo(2);
        assertThat(err()).contains("bad.yaml").doesNotContain("\tat ");
    }

    @Test
    void aBadParameterIsExit2() throws IOException {
        Path wf = Files.writeString(dir.resolve("wf.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: x}\nspec: {entrypoint: main, templates: [{name: main, container: {image: a, command: [true]}}]}\n");

        assertThat(run("run", wf.toString(), "-p", "oops")).isEqualTo(2);
        assertThat(err()).contains("-p oops: expected name=value");
    }

    @Test
    void lintProblemsAreExit2WithFileTemplateAndHint() throws IOException {
        Path wf = Files.writeString(dir.resolve("wf.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: x}\nspec: {entrypoint: nothere, templates: [{name: main, container: {image: a}}]}\n");

        assertThat(run("lint", wf.toString())).isEqualTo(2);
        assertThat(err()).contains("wf.yaml: ", "nothere", "(hint: ");
        assertThat(run("run", wf.toString())).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void anInvalidWorkflowUnderOutputJsonIsPrintedAsArgoRecordsARejectedOne() throws IOException {
        Path wf = Files.writeString(dir.resolve("wf.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: x}\nspec: {entrypoint: main, templates: [{name: main, suspend: {}, daemon: true},"
                + " {name: other, steps: [[{name: s, template: nothere}]]}],\n"
                + "  arguments: {parameters: [{name: stage, value: dev, enum: [dev, prod]}]}}\n");

        assertThat(run("run", wf.toString(), "-o", "json", "-p", "stage=staging")).isEqualTo(2);

        // The first problem Argo's validation also rejects, not the Skiff-only daemon problem.
        assertThat(err()).contains("stage.enum list", "daemon templates are not supported by Skiff's local runner yet");
        JsonNode doc = new ObjectMapper().readTree(out());
        assertThat(doc.path("metadata").path("name").asText()).isEqualTo("x");
        JsonNode status = doc.path("status");
        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        assertThat(status.path("message").asText())
                .isEqualTo("invalid spec: spec.arguments.stage.value should be present in spec.arguments.stage.enum list");
        assertThat(status.path("progress").asText()).isEqualTo("0/0");
        assertThat(status.path("nodes").isEmpty()).isTrue();
        assertThat(status.path("startedAt").asText()).isNotEmpty().isEqualTo(status.path("finishedAt").asText());
        assertThat(status.path("conditions").toString()).isEqualTo("[{\"type\":\"Completed\",\"status\":\"True\"}]");
    }

    @Test
    void aWorkflowWithOnlySkiffOnlyProblemsIsPrintedFailedWithSkiffsMessage() throws IOException {
        Path wf = Files.writeString(dir.resolve("wf.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {generateName: d-}\nspec: {entrypoint: main, templates: [{name: main, daemon: true,"
                + " container: {image: a, command: [\"true\"]}}]}\n");

        assertThat(run("run", wf.toString(), "-o", "yaml")).isEqualTo(2);

        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(out());
        assertThat(doc.path("metadata").path("name").asText()).startsWith("d-").hasSize(7);
        assertThat(doc.path("status").path("phase").asText()).isEqualTo("Failed");
        assertThat(doc.path("status").path("message").asText())
                .startsWith("template main: daemon templates are not supported by Skiff's local runner yet");
        assertThat(err()).contains("daemon templates are not supported by Skiff's local runner yet", "(hint: ");
    }

    @Test
    void aWorkflowWithoutANameIsExit2NotAnInternalError() throws IOException {
        Path wf = Files.writeString(dir.resolve("noname.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "spec: {entrypoint: main, templates: [{name: main, container: {image: a, command: [\"true\"]}}]}\n");

        assertThat(run("run", wf.toString(), "-o", "json")).isEqualTo(2);
        assertThat(err()).contains("noname.yaml: metadata.name or metadata.generateName is required")
                .doesNotContain("internal error");
        assertThat(out()).isEmpty();
        assertThat(run("lint", wf.toString())).isEqualTo(2);
    }

    @Test
    void unreadableYamlPrintsNoDocumentEvenUnderOutputJson() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "kind: Workflow\nspec: [unclosed\n");

        assertThat(run("run", bad.toString(), "-o", "json")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("bad.yaml");
    }

    @Test
    void aCleanFileLintsToExit0() throws IOException {
        Path wf = Files.writeString(dir.resolve("ok.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: x}\nspec: {entrypoint: main, templates: [{name: main, container: {image: a, command: [\"true\"]}}]}\n");

        assertThat(run("lint", wf.toString())).isZero();
        assertThat(out()).contains("ok.yaml: no problems found");
    }

    @Test
    void aBadOutputFormatIsExit2() throws IOException {
        Path wf = Files.writeString(dir.resolve("ok.yaml"), "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"
                + "metadata: {name: x}\nspec: {entrypoint: main, templates: [{name: main, container: {image: a}}]}\n");

        assertThat(run("run", wf.toString(), "-o", "xml")).isEqualTo(2);
        assertThat(err()).contains("expected json, yaml or wide");
    }

    private static final String HELLO = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: %s}
            spec: {entrypoint: main, templates: [{name: main, container: {image: a, command: ["true"]}}]}
            """;

    @Test
    void helpTextIsWrappedInWholeSentences() {
        assertThat(run("--help")).isZero();
        // Each command's one-line summary, not a description cut mid-sentence.
        assertThat(out().lines().filter(l -> l.startsWith("  run ") || l.startsWith("  lint ")
                || l.startsWith("  clusters "))).allSatisfy(l -> assertThat(l).endsWith("."));
        assertThat(out()).doesNotContain("\n              ");
        for (String command : new String[] {"run", "lint", "clusters"}) {
            out.reset();
            assertThat(run(command, "--help")).isZero();
            List<String> lines = out().lines().toList();
            assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
            // Description lines are filled to the width unless they end a paragraph: no ragged line breaks.
            assertThat(lines.stream().filter(l -> !l.isEmpty() && !l.startsWith(" ") && !l.startsWith("Usage:")))
                    .allSatisfy(l -> assertThat(l.length() >= 60 || l.endsWith(".") || l.endsWith(")")).as(l).isTrue());
        }
    }

    @Test
    void aMappingThatIsNotAWorkflowSaysWhatItFound() throws IOException {
        Path foo = Files.writeString(dir.resolve("foo.yaml"), "foo: bar\n");
        Path pod = Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");

        assertThat(run("run", foo.toString())).isEqualTo(2);
        assertThat(err()).contains("foo.yaml: not an argoproj.io/v1alpha1 Workflow: found a mapping without apiVersion"
                + " and kind (keys: foo)").doesNotContain("metadata.name");
        assertThat(run("lint", pod.toString())).isEqualTo(2);
        assertThat(err()).contains("pod.yaml: not an argoproj.io/v1alpha1 Workflow: found Pod \"p\" (v1)");
    }

    @Test
    void runRefusesAFileWithSeveralWorkflowsNamingThem() throws IOException {
        Path multi = Files.writeString(dir.resolve("multi.yaml"), HELLO.formatted("one-") + "---\n"
                + HELLO.formatted("two-"));

        assertThat(run("run", multi.toString(), "-o", "json")).isEqualTo(2);
        assertThat(err()).contains("multi.yaml: holds 2 Workflows (document 1 (line 1) \"one-\", document 2 (line 6)"
                + " \"two-\"); skiff run runs one Workflow per file");
        assertThat(out()).isEmpty();
    }

    @Test
    void runSkipsDocumentsThatAreNotWorkflowsWithANote() throws IOException {
        // A ConfigMap beside the Workflow. The Workflow is refused by lint here (a daemon step) so that the test
        // needs no executor; the note comes first.
        Path file = Files.writeString(dir.resolve("backfill.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: job}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {generateName: d-}
                spec: {entrypoint: main, templates: [{name: main, daemon: true, container: {image: a}}]}
                """);

        assertThat(run("run", file.toString(), "-o", "json")).isEqualTo(2);
        assertThat(err()).contains("backfill.yaml: document 1 (line 1): skipping ConfigMap \"job\""
                + " (v1): skiff run runs only Workflows (and uses WorkflowTemplates)", "daemon templates are not supported");
    }

    @Test
    void lintChecksEveryDocumentOfAFile() throws IOException {
        Path multi = Files.writeString(dir.resolve("multi.yaml"), HELLO.formatted("one-") + "---\n"
                + HELLO.formatted("two-").replace("entrypoint: main", "entrypoint: nope"));

        assertThat(run("lint", multi.toString())).isEqualTo(2);
        assertThat(err()).contains("multi.yaml (document 2 (line 6), \"two-\"): template name 'nope' undefined")
                .doesNotContain("document 1");
        out.reset();
        err.reset();
        Files.writeString(multi, HELLO.formatted("one-") + "---\n" + HELLO.formatted("two-"));
        assertThat(run("lint", multi.toString())).as(this::err).isZero();
        assertThat(out()).contains("multi.yaml: 2 Workflows, no problems found");
    }

    @Test
    void lintWalksDirectoriesForYamlAndJsonFilesAsArgoLintDoes() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("flows/nested"));
        Files.writeString(dir.resolve("flows/good.yaml"), HELLO.formatted("good-"));
        Files.writeString(tree.resolve("bad.yml"), HELLO.formatted("bad-").replace("entrypoint: main", "entrypoint: x"));
        Files.writeString(tree.resolve("kustomization.yaml"), "resources: [good.yaml]\n");
        Files.writeString(tree.resolve("notes.txt"), "not yaml: [");

        assertThat(run("lint", dir.resolve("flows").toString())).isEqualTo(2);
        assertThat(out()).contains("good.yaml: no problems found");
        assertThat(err()).contains("bad.yml: template name 'x' undefined", "kustomization.yaml: skipped: no"
                + " argoproj.io/v1alpha1 Workflow or WorkflowTemplate in it").doesNotContain("notes.txt");

        err.reset();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run("lint", empty.toString())).isEqualTo(2);
        assertThat(err()).contains("found no Workflow or WorkflowTemplate to lint in " + empty);
    }

    @Test
    void aNameThatIsAPathIsRefusedWithNothingOnStdout() throws IOException {
        Path file = Files.writeString(dir.resolve("victim.yaml"), HELLO.replace("generateName: %s", "name: ../../victim"));

        assertThat(run("run", file.toString(), "-o", "json")).isEqualTo(2);
        assertThat(err()).contains("metadata.name: Invalid value: \"../../victim\": a lowercase RFC 1123 subdomain");
        assertThat(out()).isEmpty();
        assertThat(run("lint", file.toString())).isEqualTo(2);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (var w = Files.newBufferedWriter(big)) {
            w.write("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: big}\nspec: {x: \"");
            for (int i = 0; i < 4 * 1024; i++) {
                w.write("x".repeat(1024));
            }
            w.write("\"}\n");
        }

        assertThat(run("run", big.toString())).isEqualTo(2);
        assertThat(err()).contains("big.yaml: is " + Files.size(big) + " bytes, more than Skiff reads (3145728 bytes"
                + " = 3 MiB; Kubernetes stores a Workflow of at most about 1.5 MiB)");
    }

    @Test
    void theLoopLimitIsAnOptionOfRunAndLint() throws IOException {
        Path file = Files.writeString(dir.resolve("loop.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata: {name: loop}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps: [[{name: s, template: say, withSequence: {count: "20"}}]]
                    - name: say
                      container: {image: a, command: ["true"]}
                """);

        assertThat(run("lint", file.toString())).isZero();
        assertThat(run("lint", "--max-loop-items", "10", file.toString())).isEqualTo(2);
        assertThat(err()).contains("withSequence expands to 20 items, more than the 10 a loop may have in Skiff");
        assertThat(run("run", "--max-loop-items", "0", file.toString())).isEqualTo(2);
        assertThat(err()).contains("--max-loop-items 0: must be at least 1");
    }
}
