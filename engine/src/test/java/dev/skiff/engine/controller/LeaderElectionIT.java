package dev.skiff.engine.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.testbed.Await;
import dev.skiff.testbed.TestNamespace;
import dev.skiff.testbed.Testbed;
import dev.skiff.testbed.TestbedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two replicas on one Lease: exactly one acts; when it stops or dies, the other takes over. */
@Testbed
class LeaderElectionIT {

    private static final String ELECTION = "leaderElection: {enabled: true, leaseName: skiff-it, "
            + "leaseDuration: 4s, renewDeadline: 3s, retryPeriod: 1s}";

    private static String holder(TestbedCluster hub, String ns) {
        return hub.kubectl("-n", ns, "get", "lease", "skiff-it", "-o", "jsonpath={.spec.holderIdentity}").strip();
    }

    @Test
    void exactlyOneReplicaActsAndTheOtherTakesOverWhenItStopsOrDies(TestbedCluster hub, TestNamespace ns)
            throws Exception {
        TestingWorkflows workflows = new TestingWorkflows(hub);
        TestingStepExecutor executor = new TestingStepExecutor().on("hold", new TestingStepExecutor.Hold());
        var config = TestingControllers.config(ns.name(), ELECTION);
        Controller a = TestingControllers.start(hub, config, executor, "replica-a", ns.name());
        Await.until("replica-a to lead", TestingWorkflows.TIMEOUT, () -> a.acting() ? Optional.of(true)
                : Optional.empty());
        Controller b = TestingControllers.start(hub, config, executor, "replica-b", ns.name());
        Controller c = null;
        try {
            workflows.create(ns.name(), ControllerIT.STEPS);
            assertThat(TestingWorkflows.phase(workflows.awaitFinished(ns.name(), "steps"))).isEqualTo("Succeeded");
            assertThat(holder(hub, ns.name())).isEqualTo("replica-a");
            assertThat(a.metrics().syncCount()).isPositive();
            assertThat(b.metrics().syncCount()).as("the replica that does not lead").isZero();
            assertThat(b.acting()).isFalse();

            // A stops cleanly: it releases the lease and B takes over at its next attempt.
            workflows.create(ns.name(), ControllerIT.HELD.formatted("handover"));
            workflows.await(ns.name(), "handover", "A running", wf -> ControllerIT.nodeIn(wf, "A", "Running"));
            a.close();
            Instant released = Instant.now();
            Await.until("replica-b to lead", TestingWorkflows.TIMEOUT, () -> b.acting() ? Optional.of(true)
                    : Optional.empty());
            System.out.println("after a clean stop, replica-b led within " + Duration.between(released, Instant.now()));
            executor.release("hold", 0);
            assertThat(TestingWorkflows.phase(workflows.awaitFinished(ns.name(), "handover"))).isEqualTo("Succeeded");
            assertThat(holder(hub, ns.name())).isEqualTo("replica-b");

            // B dies without releasing: C takes over once the lease expired.
            c = TestingControllers.start(hub, config, executor, "replica-c", ns.name());
            workflows.create(ns.name(), ControllerIT.HELD.formatted("orphaned"));
            workflows.await(ns.name(), "orphaned", "A running", wf -> ControllerIT.nodeIn(wf, "A", "Running"));
            b.kill();
            Instant died = Instant.now();
            Controller cc = c;
            Await.until("replica-c to lead", TestingWorkflows.TIMEOUT, () -> cc.acting() ? Optional.of(true)
                    : Optional.empty());
            System.out.println("after a crash, replica-c led within " + Duration.between(died, Instant.now())
                    + " (lease duration 4s)");
            executor.release("hold", 0);
            ObjectNode done = workflows.awaitFinished(ns.name(), "orphaned");
            assertThat(TestingWorkflows.phase(done)).isEqualTo("Succeeded");
            assertThat(executor.creations()).allSatisfy((step, n) -> assertThat(n).as(step).isEqualTo(1));
        } finally {
            a.close();
            b.close();
            if (c != null) {
                c.close();
            }
        }
        assertThat(holder(hub, ns.name())).as("released on close").isEmpty();
    }
}
