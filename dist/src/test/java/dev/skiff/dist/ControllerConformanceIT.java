package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.kube.KubeResources;
import dev.skiff.engine.kube.KubeRest;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every conformance case ({@code conformance/cases}) created in a testbed namespace that the built
 * {@code bin/skiff controller} watches, with the {@code pod} executor (pods run by the testbed's process kubelet
 * with Argo's real argoexec), ends with the status Argo Workflows gave it ({@code conformance/expected}), as
 * judged by {@code conformance/compare diff}: the same bar as {@link ConformanceIT} sets {@code skiff run}.
 *
 * <p>Cases run concurrently (at most {@code skiff.controller.parallel}, default 12, unfinished at a time); those
 * whose outcome depends on pod timing come last, together, with nothing else running. Cases listed in
 * {@code conformance/known-mismatches.txt} (skiff run's) or {@code conformance/known-mismatches-controller.txt}
 * (differences only the controller has) are reported as aborted with their reason while they mismatch and fail
 * once they match. A controller-only entry whose reason starts with {@code timing:} (allowed only for a
 * timing-dependent case) passes either way: its outcome depends on how long the real kubelet and argoexec take
 * (PROVENANCE.md, "Timing-dependent cases"). Each case's final object is kept in
 * {@code target/controller-conformance/} (with its pods when it mismatches), beside the controller's log.
 */
@Testbed
class ControllerConformanceIT {

    private static final Path OUT = Path.of("target/controller-conformance").toAbsolutePath();
    private static final Duration BUDGET = Duration.ofMinutes(Integer.getInteger("skiff.controller.budget.minutes", 20));
    private static final String CONTROLLER_LIST = "known-mismatches-controller.txt";
    private static final String RUN_LIST = "known-mismatches.txt";

    /**
     * The namespace the oracle ran in: {@code vars-workflow-identity} prints {@code {{workflow.namespace}}} (its
     * file says {@code namespace: argo}). Created for this class and deleted after it.
     */
    private static final String NAMESPACE = "argo";

    private TestbedCluster hub;
    private TestingSkiffController controller;
    private TestingWorkflowFollower follower;
    private TestingCaseSubmitter submitter;
    private Instant started;

    @TestFactory
    Stream<DynamicTest> everyCaseEndsThroughTheControllerWithArgosStatus(TestbedCluster hub) throws Exception {
        List<String> cases = TestingConformance.selectedCases();
        Map<String, String> controllerOnly = TestingConformance.knownMismatches(CONTROLLER_LIST);
        Map<String, String> runToo = TestingConformance.knownMismatches(RUN_LIST);
        checkControllerList(TestingConformance.cases(), controllerOnly);
        List<String> timing = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String name : cases) {
            (TestingConformance.timingDependent(name) ? timing : others).add(name);
        }
        this.hub = hub;
        TestingSkiffController.createNamespace(hub, NAMESPACE);
        TestingSkiffController.prepareNamespace(hub, NAMESPACE);
        for (String name : cases) {
            // ConfigMaps a case reads, there before the controller's informers list (as record-oracle does for Argo)
            TestingConformance.fixtureFile(name).ifPresent(f -> hub.kubectl("-n", NAMESPACE, "apply", "-f",
                    f.toString()));
        }
        controller = TestingSkiffController.start(hub, NAMESPACE, OUT);
        KubeResources workflows = KubeResources.workflows(new KubeRest(hub.apiClient()));
        follower = new TestingWorkflowFollower(workflows, NAMESPACE);
        started = Instant.now();
        submitter = new TestingCaseSubmitter(workflows, NAMESPACE, follower,
                Integer.getInteger("skiff.controller.parallel", 12), others, timing);
        Instant deadline = started.plus(BUDGET);
        return Stream.concat(others.stream(), timing.stream()).map(name -> DynamicTest.dynamicTest(name,
                () -> check(name, deadline, controllerOnly.get(name), runToo.get(name))));
    }

    private void check(String name, Instant deadline, String controllerOnly, String runToo) throws Exception {
        ObjectNode wf = awaitDone(name, deadline);
        Path actual = Files.writeString(OUT.resolve(name + ".json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(wf));
        TestingConformance.Comparison result = TestingConformance.diff(actual, name);
        if (!result.matches()) {
            // what the kubelet and argoexec reported, for the report
            Files.writeString(OUT.resolve(name + ".pods.json"), hub.kubectl("-n", NAMESPACE, "get", "pods", "-l",
                    "workflows.argoproj.io/workflow=" + name, "-o", "json"));
        }
        String took = String.format("%.1f s", submitter.took(name).toMillis() / 1000.0);

        if (controllerOnly != null && controllerOnly.startsWith("timing:")) {
            if (!result.matches()) {
                abort("timing-dependent (" + CONTROLLER_LIST + ": " + controllerOnly + "), " + took + ":\n"
                        + result.output());
            }
            return;
        }
        String known = controllerOnly != null ? controllerOnly : runToo;
        if (known != null) {
            String list = controllerOnly != null ? CONTROLLER_LIST : RUN_LIST;
            assertThat(result.matches()).as("%s matches Argo now through the controller: remove it from"
                    + " conformance/%s%n%s", name, list, result.output()).isFalse();
            abort("known mismatch (" + list + ": " + known + "), " + took + ":\n" + result.output());
        }
        assertThat(result.matches()).as("conformance/compare diff %s %s (%s; controller log: %s):%n%s", actual,
                TestingConformance.expectedFile(name), took, controller.log(), result.output()).isTrue();
    }

    private ObjectNode awaitDone(String name, Instant deadline) throws Exception {
        long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
        try {
            return submitter.result(name).get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("%s was not done %s after the first case was created (%s); the controller %s; log: %s",
                    name, BUDGET, submitter.state(name), controller.alive() ? "runs" : "has exited", controller.log());
        } catch (ExecutionException e) {
            return fail(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Every controller-only entry names a case; {@code timing:} only for a case whose outcome depends on timing. */
    private static void checkControllerList(List<String> cases, Map<String, String> entries) throws IOException {
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            assertThat(cases).as("conformance/%s names no case %s", CONTROLLER_LIST, entry.getKey())
                    .contains(entry.getKey());
            assertThat(entry.getValue()).as("conformance/%s: %s needs a reason", CONTROLLER_LIST, entry.getKey())
                    .isNotBlank();
            if (entry.getValue().startsWith("timing:")) {
                assertThat(TestingConformance.timingDependent(entry.getKey()))
                        .as("conformance/%s: %s is marked timing: but has no deadline, timeout or back-off",
                                CONTROLLER_LIST, entry.getKey()).isTrue();
            }
        }
    }

    @AfterEach
    void stopTheController() throws Exception {
        if (submitter != null) {
            submitter.close();
        }
        if (follower != null) {
            follower.close();
        }
        if (controller == null) {
            return;
        }
        TestingLauncher.Result stopped = controller.stop();
        hub.kubectl("delete", "namespace", NAMESPACE, "--wait=false");
        List<String> cases = TestingConformance.selectedCases();
        String slowest = cases.stream().sorted(Comparator.comparing(submitter::took).reversed()).limit(5)
                .map(n -> n + " " + submitter.took(n).toSeconds() + " s").toList().toString();
        System.out.printf("ControllerConformanceIT: %d cases through bin/skiff controller in %d s (at most %s"
                + " unfinished at once); slowest %s; controller log %s%n", cases.size(),
                Duration.between(started, Instant.now()).toSeconds(), Integer.getInteger("skiff.controller.parallel",
                12), slowest, controller.log());
        assertThat(stopped.exitCode()).as("the controller's exit code after SIGTERM; log: %s", controller.log())
                .isZero();
        assertThat(stopped.stderr()).as("the controller's log (%s) has no stack trace", controller.log())
                .doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at ");
    }
}
