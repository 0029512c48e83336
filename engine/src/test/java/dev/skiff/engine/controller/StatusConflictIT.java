package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import io.kubernetes.client.openapi.ApiClient;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency: another writer changes the Workflow between the controller's read and its write. The
 * write gets 409; the controller reads again, rebuilds and writes again; neither the other writer's change nor
 * the step outcome the failed write carried is lost.
 */
@Testbed
class StatusConflictIT {

    @Test
    void aConcurrentWriteBetweenReadAndWriteLosesNothing(TestbedCluster hub, TestNamespace ns) throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        TestingWorkflows bystander = new TestingWorkflows(hub);
        AtomicInteger bumps = new AtomicInteger();
        // Before each of the controller's first three status writes, someone else labels the workflow.
        Interceptor bumpFirst = chain -> {
            var request = chain.request();
            if (request.method().equals("PUT") && request.url().encodedPath().endsWith("/workflows/raced")
                    && bumps.get() < 3) {
                int n = bumps.incrementAndGet();
                try {
                    bystander.patch(ns.name(), "raced", "{\"metadata\":{\"labels\":{\"bump-" + n + "\":\"yes\"}}}");
                } catch (ApiFailure e) {
                    throw new java.io.IOException(e.getMessage());
                }
            }
            return chain.proceed(request);
        };
        TestingStepExecutor executor = new TestingStepExecutor();
        var config = TestingControllers.config(ns.name(), "");
        Controller controller = Controller.builder(config).clients(name -> {
            ApiClient client = TestingWorkflows.client(hub);
            client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(bumpFirst).build());
            return client;
        }).executor(executor).identity("racer").namespace(ns.name()).build();
        controller.start();
        try {
            workflows.create(ns.name(), ControllerIT.STEPS.replace("name: steps}", "name: raced}"));
            ObjectNode done = workflows.awaitFinished(ns.name(), "raced");

            assertThat(TestingWorkflows.phase(done)).isEqualTo("Succeeded");
            assertThat(controller.metrics().statusWriteCount("conflict")).isEqualTo(3);
            for (int n = 1; n <= 3; n++) {
                assertThat(TestingWorkflows.label(done, "bump-" + n)).isEqualTo("yes");
            }
            assertThat(TestingWorkflows.node(done, "hello").path("outputs").path("result").asText()).isEqualTo("hello");
            assertThat(TestingWorkflows.node(done, "a").path("inputs").toString()).contains("hello a");
            assertThat(executor.creations()).hasSize(3).allSatisfy((step, n) -> assertThat(n).isEqualTo(1));
        } finally {
            controller.close();
        }
    }
}
