package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.cluster.AccessCheck;
import dev.skiff.engine.cluster.AccessRule;
import dev.skiff.engine.cluster.ControllerAccess;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowSourceAccessTest {

    @Test
    void aLineNamesTheClusterTheNamespaceAndEveryMissingPermissionAsKubectlCanINamesIt() {
        var result = new AccessCheck.Result("argo", List.of(new AccessRule("create", "", "pods", "exec"),
                new AccessRule("watch", "argoproj.io", "workflowtaskresults", "")), Optional.empty());

        assertThat(WorkflowSourceAccess.line("spoke1", result))
                .isEqualTo("spoke1  namespace argo  MISSING: create pods/exec, watch workflowtaskresults.argoproj.io");
    }

    @Test
    void aClusterWideCheckThatFoundNothingMissingIsOk() {
        assertThat(WorkflowSourceAccess.line("hub", new AccessCheck.Result("", List.of(), Optional.empty())))
                .isEqualTo("hub  all namespaces  OK");
    }

    @Test
    void aCheckThatCouldNotFinishSaysSoInsteadOfOk() {
        var result = new AccessCheck.Result("", List.of(), Optional.of("403 Forbidden"));

        assertThat(result.ok()).isFalse();
        assertThat(WorkflowSourceAccess.line("hub", result)).isEqualTo(
                "hub  all namespaces  ERROR: permissions not checked: 403 Forbidden");
    }

    @Test
    void theControllersRulesAreEachListedOnceAndCoverWhatItDoesToWorkflowsPodsAndTaskResults() {
        List<AccessRule> rules = ControllerAccess.workflowNamespace();

        assertThat(new HashSet<>(rules)).hasSameSizeAs(rules);
        assertThat(rules).extracting(AccessRule::describe).contains("update workflows.argoproj.io",
                "watch workflowtaskresults.argoproj.io", "create pods", "delete pods", "create pods/exec");
    }
}
