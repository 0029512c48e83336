package dev.skiff.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.skiff.engine.core.WorkflowAdmission;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Names the Kubernetes API server refuses before Argo sees the workflow (apiextensions-apiserver's
 * {@code customResourceValidator} → {@code ValidateObjectMetaAccessor} with {@code NameIsDNSSubdomain}); the
 * expected texts are apimachinery's {@code IsDNS1123Subdomain} messages inside {@code field.Invalid} errors.
 */
class ObjectMetaValidationTest {

    private static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
            + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private static Workflow workflow(String metadata) {
        return WorkflowCodec.read("""
                metadata: %s
                spec:
                  entrypoint: main
                  templates: [{name: main, container: {image: alpine, command: ["true"]}}]
                """.formatted(metadata), "t.yaml");
    }

    private static List<LintProblem> lint(String metadata) {
        return WorkflowLinter.lint(workflow(metadata), Map.of());
    }

    @Test
    void aNameThatIsAPathIsRefusedAsTheApiServerRefusesIt() {
        assertThat(lint("{name: ../../victim}")).extracting(LintProblem::message, LintProblem::kind).containsExactly(
                tuple("metadata.name: Invalid value: \"../../victim\": " + SUBDOMAIN, ProblemKind.INVALID_OBJECT));
        assertThat(lint("{name: /etc/passwd}")).extracting(LintProblem::message)
                .containsExactly("metadata.name: Invalid value: \"/etc/passwd\": " + SUBDOMAIN);
        assertThat(lint("{name: My-Flow}")).hasSize(1);
    }

    @Test
    void aGenerateNameIsCheckedAsAPrefixThatMayEndInADash() {
        assertThat(lint("{generateName: hello-}")).isEmpty();
        assertThat(lint("{generateName: a.b-}")).isEmpty();
        assertThat(lint("{generateName: ../../victim-}")).extracting(LintProblem::message, LintProblem::kind)
                .containsExactly(tuple("metadata.generateName: Invalid value: \"../../victim-\": " + SUBDOMAIN,
                        ProblemKind.INVALID_OBJECT));
        assertThat(lint("{generateName: /tmp/x}")).hasSize(1);
    }

    @Test
    void aTooLongNameGetsBothTheApiServersAndArgosMessages() {
        String name = "a".repeat(254);
        assertThat(lint("{name: " + name + "}")).extracting(LintProblem::message).containsExactly(
                "metadata.name: Invalid value: \"" + name + "\": must be no more than 253 characters",
                "workflow name \"" + name + "\" must not be more than 63 characters long (currently 254)");
    }

    @Test
    void theGeneratedNameIsCutTo58CharactersBeforeTheRandomSuffixAsTheApiServerDoes() {
        Workflow admitted = WorkflowAdmission.admit(workflow("{generateName: " + "g".repeat(70) + "}"), Map.of(),
                Instant.EPOCH, new Random(1));
        assertThat(admitted.name()).hasSize(63).startsWith("g".repeat(58));
        assertThat(WorkflowLinter.lint(admitted, Map.of())).isEmpty();
    }
}
