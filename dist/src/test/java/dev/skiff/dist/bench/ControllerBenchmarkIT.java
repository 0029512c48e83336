package dev.skiff.dist.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.testbed.ClusterName;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller benchmark still runs: every scenario at its smallest size against Skiff's controller and Argo's
 * workflow-controller on the testbed (the multi-cluster fan-out against Skiff only, on hub, spoke1 and spoke2). Nothing about speed is asserted (the machine is shared); what is asserted is
 * that every figure of the table and the JSON is there as a number.
 */
@Testbed
class ControllerBenchmarkIT {

    @TempDir
    Path dir;

    @Test
    void everyScenarioGivesEveryFigureForBothControllers(TestbedCluster hub,
            @ClusterName("spoke1") TestbedCluster spoke1, @ClusterName("spoke2") TestbedCluster spoke2)
            throws Exception {
        Assumptions.assumeTrue(ArgoControllerProcess.binary(hub).isPresent(),
                "Argo's workflow-controller is not built (testbed/prepare.sh --with-workflow-controller)");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchRun run = new BenchRun(hub, List.of(spoke1, spoke2), BenchSize.TINY, ClientLimits.ARGO_DEFAULTS, EnumSet.allOf(Contender.class),
                Set.copyOf(BenchRun.SCENARIOS), dir, new PrintStream(progress, true, StandardCharsets.UTF_8));
        BenchFigures figures = run.run();

        assertThat(run.failures()).as(progress.toString(StandardCharsets.UTF_8)).isEmpty();

        Map<String, Map<String, Double>> all = figures.figures();
        for (BenchFigures.Measure m : BenchFigures.MEASURES) {
            List<String> who = new java.util.ArrayList<>(m.skiffOnly() ? List.of("skiff") : List.of("skiff", "argo"));
            if (m.extraColumn() != null) {
                who.add(m.extraColumn());
            }
            assertThat(all).as(m.key()).containsKey(m.key());
            assertThat(all.get(m.key())).as(m.key()).containsKeys(who.toArray(String[]::new));
            all.get(m.key()).forEach((k, v) -> assertThat(v).as(m.key() + "." + k).isFinite().isNotNegative());
        }
        for (String rate : List.of("fanout_pods_per_s", "fanout_multicluster_pods_per_s", "throughput_wf_per_min", "heap_mib_1000_running",
                "rss_mib_1000_running")) {
            all.get(rate).forEach((k, v) -> assertThat(v).as(rate + "." + k).isPositive());
        }

        JsonNode json = new ObjectMapper().readTree(figures.json());
        for (BenchFigures.Measure m : BenchFigures.MEASURES) {
            assertThat(json.path(m.key()).path("skiff").isNumber()).as(m.key() + " skiff in JSON").isTrue();
            assertThat(json.path(m.key()).path("argo").isNumber()).as(m.key() + " argo in JSON")
                    .isEqualTo(!m.skiffOnly());
        }
        assertThat(json.path("fanout_pods_per_s").path("raw").isNumber()).isTrue();
        assertThat(json.path("run").path("argo_version").asText()).isNotBlank();

        List<String> rows = figures.table().lines().toList();
        assertThat(rows).hasSize(1 + BenchFigures.MEASURES.size());
        for (int i = 0; i < BenchFigures.MEASURES.size(); i++) {
            String row = rows.get(i + 1);
            assertThat(row).startsWith(BenchFigures.MEASURES.get(i).label()).doesNotContain(" - ");
        }
        System.out.println(progress.toString(StandardCharsets.UTF_8) + figures.table());
    }
}
