package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Outputs;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.WorkflowStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TreeTableTest {

    @Test
    void rendersArgoWatchColumnsWithSymbolsPodNamesAndDurations() {
        WorkflowStatus status = NodeTreeTest.stepsStatus();

        List<String> lines = new TreeTable(false, false, 0).lines("wf", status, TestingNodes.T0.plusSeconds(10));

        assertThat(lines.get(0)).startsWith("STEP").contains("TEMPLATE", "PODNAME", "DURATION", "MESSAGE");
        assertThat(lines.get(1)).startsWith(" ● wf").contains("main").doesNotContain("wf-main-");
        assertThat(lines.get(2)).startsWith(" ├───✔ hello1").contains("say", "wf-say-", "3s");
        assertThat(lines.get(3)).startsWith(" └─┬─✖ hello2a");
        assertThat(lines.get(4)).startsWith("   └─● hello2b").endsWith("6s");
        int podColumn = lines.get(0).indexOf("PODNAME");
        assertThat(lines.get(2).substring(podColumn)).startsWith("wf-say-");
    }

    @Test
    void wideWithPlacesShowsEachPodsClusterAndNamespaceAndNothingForOtherNodes() {
        WorkflowStatus status = NodeTreeTest.stepsStatus();

        List<String> lines = new TreeTable(true, false, 0).lines("wf", status, TestingNodes.T0.plusSeconds(10),
                Optional.of(n -> n.displayName().equals("hello1") ? new String[] {"spoke1", "remote"}
                        : new String[] {"-", "-"}));

        assertThat(lines.get(0)).containsPattern("^STEP +TEMPLATE +PODNAME +CLUSTER +NAMESPACE +DURATION +EXIT");
        int cluster = lines.get(0).indexOf("CLUSTER");
        int namespace = lines.get(0).indexOf("NAMESPACE");
        assertThat(lines.get(1)).as("the Steps node runs no pod").doesNotContain(" - ", "spoke1");
        assertThat(lines.get(2).substring(cluster)).startsWith("spoke1");
        assertThat(lines.get(2).substring(namespace)).startsWith("remote ");
        assertThat(lines.get(4).substring(cluster, namespace).strip()).isEqualTo("-");
        assertThat(new TreeTable(false, false, 0).lines("wf", status, TestingNodes.T0, Optional.of(n -> new String[]
            {"x", "y"})).get(0)).as("only the wide table has them").doesNotContain("CLUSTER");
    }

    @Test
    void wideAddsExitCodeAndOutputs() {
        WorkflowStatus steps = NodeTreeTest.stepsStatus();
        Map<String, NodeStatus> nodes = new LinkedHashMap<>(steps.nodes());
        nodes.put("h1", TestingNodes.withOutputs(nodes.get("h1"),
                new Outputs(List.of(Parameter.of("count", "3")), Optional.of("hi"), Optional.of("0"))));
        WorkflowStatus status = new WorkflowStatus(steps.phase(), steps.startedAt(), steps.finishedAt(), steps.progress(),
                steps.message(), nodes, Optional.empty(), List.of());

        List<String> lines = new TreeTable(true, false, 0).lines("wf", status, TestingNodes.T0.plusSeconds(10));

        assertThat(lines.get(0)).contains("EXIT", "OUTPUTS");
        assertThat(lines.get(2)).contains("result=hi, count=3");
    }

    @Test
    void colourAndWidthLimitsApplyOnTerminals() {
        List<String> lines = new TreeTable(false, true, 20).lines("wf", NodeTreeTest.stepsStatus(), TestingNodes.T0);

        assertThat(lines.get(0)).hasSize(20);
        assertThat(lines.get(2)).contains("\u001b[32m✔\u001b[0m");
    }

    @Test
    void theLastFrameWrapsMessagesAndDropsPodNamesToFitANarrowTerminal() {
        WorkflowStatus steps = NodeTreeTest.stepsStatus();
        Map<String, NodeStatus> nodes = new LinkedHashMap<>(steps.nodes());
        String message = "Error (exit code 1): the step could not reach the database at db.internal:5432 after 3 tries";
        nodes.put("h2a", nodes.get("h2a").withMessage(message));
        WorkflowStatus status = new WorkflowStatus(steps.phase(), steps.startedAt(), steps.finishedAt(),
                steps.progress(), steps.message(), nodes, Optional.empty(), List.of());

        List<String> live = new TreeTable(false, false, 60).lines("wf", status, TestingNodes.T0.plusSeconds(10));
        assertThat(String.join(" ", live)).doesNotContain("after 3 tries");

        List<String> last = new TreeTable(false, false, 60, true).lines("wf", status, TestingNodes.T0.plusSeconds(10));
        assertThat(last).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
        assertThat(last.getFirst()).doesNotContain("PODNAME").contains("MESSAGE");
        int messageColumn = last.getFirst().indexOf("MESSAGE");
        String wrapped = last.stream().filter(l -> l.length() > messageColumn).map(l -> l.substring(messageColumn))
                .filter(l -> !l.equals("MESSAGE")).reduce((a, b) -> a + " " + b).orElseThrow();
        assertThat(wrapped).isEqualTo(message);

        List<String> wide = new TreeTable(false, false, 200, true).lines("wf", status, TestingNodes.T0.plusSeconds(10));
        assertThat(wide.getFirst()).contains("PODNAME");
        assertThat(wide).anySatisfy(l -> assertThat(l).endsWith(message));
    }

    @Test
    void formatsDurationsLikeArgo() {
        assertThat(Durations.shortForm(Duration.ofSeconds(4))).isEqualTo("4s");
        assertThat(Durations.shortForm(Duration.ofSeconds(65))).isEqualTo("1m 5s");
        assertThat(Durations.shortForm(Duration.ofMinutes(123))).isEqualTo("2h 3m");
        assertThat(Durations.longForm(Duration.ofSeconds(61))).isEqualTo("1 minute 1 second");
        assertThat(Durations.between(Optional.empty(), Optional.empty(), TestingNodes.T0)).isEmpty();
    }
}
