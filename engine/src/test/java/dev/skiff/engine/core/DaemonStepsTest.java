package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Daemon steps as Argo's controller runs them: daemoned once the pod runs and is ready (fulfilling the step for
 * what follows), {@code {{steps.X.ip}}} / {@code {{tasks.X.ip}}} from the pod's IP, and stopped, the node then
 * Succeeded, when the steps or DAG node around it ends (killDaemonedChildren).
 */
class DaemonStepsTest {

    private static final String STEPS = """
            metadata: {name: daemons}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: server
                    template: server
                - - name: client
                    template: client
                    arguments:
                      parameters: [{name: ip, value: "{{steps.server.ip}}"}]
              - name: server
                daemon: true
                container: {image: nginx, command: [nginx]}
              - name: client
                inputs: {parameters: [{name: ip}]}
                container: {image: alpine, command: [echo, "{{inputs.parameters.ip}}"]}
            """;

    private static TestingSteps serverForever() {
        return new TestingSteps().on("server", TestingSteps.Behaviour.ok("").taking(Duration.ofDays(1)));
    }

    @Test
    void theStepsAfterADaemonStartOnceItRunsAndSeeItsIp() {
        TestingRun run = TestingRun.run(STEPS, serverForever()).assertPhase(WorkflowPhase.SUCCEEDED);

        assertThat(run.node("client").inputs().orElseThrow().parameters().getFirst().value())
                .contains(TestingSteps.DAEMON_IP);
        var server = run.node("server");
        assertThat(server.phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(server.daemoned()).as("no longer daemoned once stopped").isFalse();
        assertThat(server.podIp()).isEqualTo(TestingSteps.DAEMON_IP);
        assertThat(server.finishedAt()).isPresent();
        assertThat(run.stopped).containsExactly(server.id());
    }

    @Test
    void aDaemonInADagIsDaemonedForItsDependentsAndStoppedWithTheDag() {
        TestingRun run = TestingRun.run("""
                metadata: {name: dag-daemon}
                spec:
                  entrypoint: main
                  templates:
                  - name: main
                    dag:
                      tasks:
                      - {name: db, template: server}
                      - name: use
                        depends: db
                        template: client
                        arguments:
                          parameters: [{name: ip, value: "{{tasks.db.ip}}"}]
                      - name: after-daemoned
                        depends: db.Daemoned
                        template: client
                        arguments:
                          parameters: [{name: ip, value: "x"}]
                  - name: server
                    daemon: true
                    container: {image: nginx, command: [nginx]}
                  - name: client
                    inputs: {parameters: [{name: ip}]}
                    container: {image: alpine, command: [echo, "{{inputs.parameters.ip}}"]}
                """, serverForever()).assertPhase(WorkflowPhase.SUCCEEDED);

        assertThat(run.node("use").inputs().orElseThrow().parameters().getFirst().value())
                .contains(TestingSteps.DAEMON_IP);
        assertThat(run.node("after-daemoned").phase()).as(run.describe()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.node("db").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.stopped).containsExactly(run.node("db").id());
    }

    @Test
    void aControllerRebuiltFromTheStatusKeepsTheDaemonDaemonedWithItsIp() {
        // runRebuilding rebuilds the reconciler from the written status again and again: daemoned and podIP go
        // through Argo's status JSON and back.
        TestingRun run = TestingRun.runRebuilding(STEPS, serverForever()).assertPhase(WorkflowPhase.SUCCEEDED);

        assertThat(run.node("client").inputs().orElseThrow().parameters().getFirst().value())
                .contains(TestingSteps.DAEMON_IP);
        assertThat(run.node("server").phase()).isEqualTo(NodePhase.SUCCEEDED);
    }

    @Test
    void argosStatusJsonCarriesDaemonedAndPodIp() {
        var wf = WorkflowCodec.read("""
                metadata: {name: x}
                spec: {entrypoint: a, templates: [{name: a, container: {image: i}}]}
                status:
                  phase: Running
                  nodes:
                    x: {id: x, name: x, displayName: x, type: Pod, templateName: a, phase: Running,
                        daemoned: true, podIP: 10.9.9.9}
                """, "x.yaml");
        var node = wf.status().orElseThrow().nodes().get("x");
        assertThat(node.daemoned()).isTrue();
        assertThat(node.podIp()).isEqualTo("10.9.9.9");
        var json = WorkflowCodec.toTree(wf).path("status").path("nodes").path("x");
        assertThat(json.path("daemoned").asBoolean()).isTrue();
        assertThat(json.path("podIP").asText()).isEqualTo("10.9.9.9");
    }
}
