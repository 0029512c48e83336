package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import io.kubernetes.client.openapi.ApiClient;
import org.junit.jupiter.api.Test;

/**
 * The controller talks to the real API server through {@link TestingFaultProxy}: 429s with Retry-After, 503s,
 * 500s after a write was applied, watches that end early, break off or answer 410 Gone. Nothing is lost: every
 * workflow ends as without faults, no step is created twice.
 */
@Testbed
class ApiFaultsIT {

    @Test
    void throttlingServerErrorsAndBrokenWatchesLoseNothing(TestbedCluster hub, TestNamespace ns) throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        TestingStepExecutor executor = new TestingStepExecutor();
        try (TestingFaultProxy proxy = new TestingFaultProxy(hub); TestingLog log = new TestingLog()) {
            Controller controller = Controller.builder(TestingControllers.config(ns.name(), ""))
                    .clients(name -> new ApiClient().setBasePath(proxy.uri().toString())).executor(executor)
                    .identity("faulty").namespace(ns.name()).build();
            controller.start();
            try {
                for (int i = 0; i < 4; i++) {
                    workflows.create(ns.name(), (i % 2 == 0 ? ControllerIT.STEPS : ControllerIT.DAG)
                            .replaceFirst("name: (steps|diamond)}", "name: faulty-" + i + "}"));
                }
                for (int i = 0; i < 4; i++) {
                    ObjectNode done = workflows.awaitFinished(ns.name(), "faulty-" + i);
                    assertThat(TestingWorkflows.phase(done)).as(() -> done.path("status").toString() + "\n"
                            + log.text()).isEqualTo("Succeeded");
                    if (i % 2 == 0) {
                        assertThat(TestingWorkflows.node(done, "a").path("inputs").toString()).contains("hello a");
                    } else {
                        assertThat(TestingWorkflows.node(done, "D").path("inputs").toString()).contains("AB");
                    }
                }
                assertThat(executor.creations()).hasSize(14).allSatisfy((step, n) -> assertThat(n).as(step)
                        .isEqualTo(1));
                for (String kind : new String[] {"429", "503", "500-after-write", "410", "watch-ended",
                    "watch-broken"}) {
                    assertThat(proxy.injected(kind)).as(kind).isPositive();
                }
                System.out.println("faults injected: 429=" + proxy.injected("429") + " 503=" + proxy.injected("503")
                        + " 500-after-write=" + proxy.injected("500-after-write") + " 410=" + proxy.injected("410")
                        + " watch-ended=" + proxy.injected("watch-ended") + " watch-broken="
                        + proxy.injected("watch-broken") + "; conflicts=" + controller.metrics()
                        .statusWriteCount("conflict"));
            } finally {
                controller.close();
            }
        }
    }
}
