package dev.skiff.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.skiff.engine.model.WorkflowCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What lint refuses as unsupported for a local run ({@link ExecutionProfile#LOCAL}: no pod, so no secrets,
 * config maps, sidecars, ...) and what it lets through for steps run as pods ({@link ExecutionProfile#CLUSTER});
 * and the reconciler features Skiff lacks wherever the steps run (synchronization, memoize), configMapKeyRef
 * parameters only locally (a controller reads them from its informer of ConfigMaps).
 */
class ExecutionProfileTest {

    private static List<LintProblem> lint(String templates, ExecutionProfile profile) {
        return WorkflowLinter.lint(WorkflowCodec.read("""
                metadata: {name: p}
                spec:
                  entrypoint: main
                  volumes: [{name: creds, secret: {secretName: my-secret}}]
                  templates:
                """ + templates.indent(4), "t.yaml"), Map.of(), profile);
    }

    private static final String POD_FEATURES = """
            - name: main
              sidecars: [{name: db, image: postgres}]
              initContainers: [{name: prep, image: alpine}]
              container:
                image: alpine
                command: [sh, -c, 'echo "$PASS $HOST $ME"']
                env:
                  - {name: PASS, valueFrom: {secretKeyRef: {name: my-secret, key: password}}}
                  - {name: HOST, valueFrom: {configMapKeyRef: {name: cfg, key: host}}}
                  - {name: ME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                  - {name: PLAIN, value: fine}
                envFrom: [{secretRef: {name: all}}]
                volumeMounts: [{name: creds, mountPath: /secret}, {name: scratch, mountPath: /scratch}]
              volumes: [{name: scratch, emptyDir: {}}]
            """;

    @Test
    void theLocalRunnerRefusesWhatOnlyAPodWouldHave() {
        List<LintProblem> problems = lint(POD_FEATURES, ExecutionProfile.LOCAL);

        assertThat(problems).extracting(LintProblem::message).containsExactly(
                "templates.main.sidecars is not supported by Skiff's local runner yet: its containers would not run",
                "templates.main.initContainers is not supported by Skiff's local runner yet: its containers would not"
                        + " run",
                "templates.main.container.env.PASS: valueFrom.secretKeyRef is not supported by Skiff's local runner"
                        + " yet: the variable would be empty",
                "templates.main.container.env.HOST: valueFrom.configMapKeyRef is not supported by Skiff's local"
                        + " runner yet: the variable would be empty",
                "templates.main.container.env.ME: valueFrom.fieldRef is not supported by Skiff's local runner yet:"
                        + " the variable would not be set",
                "templates.main.container.envFrom.secretRef is not supported by Skiff's local runner yet: its"
                        + " variables would not be set",
                "templates.main.container.volumeMounts.creds: a secret volume is not supported by Skiff's local"
                        + " runner yet: /secret would be an empty directory");
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ProblemKind.UNSUPPORTED);
            assertThat(p.template()).isEqualTo("main");
            assertThat(p.hint()).contains("run it in a cluster");
        });
    }

    @Test
    void stepsRunAsPodsGetSecretsConfigMapsSidecarsAndArtifactStoresFromKubernetes() {
        assertThat(lint(POD_FEATURES, ExecutionProfile.CLUSTER)).isEmpty();
        assertThat(lint("""
                - name: main
                  container: {image: alpine, command: ["true"]}
                  outputs:
                    artifacts: [{name: up, path: /tmp/up, s3: {bucket: b, key: k}}]
                """, ExecutionProfile.CLUSTER)).isEmpty();
        assertThat(WorkflowLinter.lint(WorkflowCodec.read("""
                metadata: {name: p}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      container: {image: alpine, command: ["true"]}
                      outputs:
                        artifacts: [{name: up, path: /tmp/up, s3: {bucket: b, key: k}}]
                """, "t.yaml"), Map.of())).extracting(LintProblem::message).containsExactly(
                "templates.main.outputs.artifacts.up: s3 artifacts with a bucket or endpoint are not supported by the"
                        + " local executor without the artifacts-s3 plugin");
    }

    @Test
    void resourceAndDataTemplatesRunAsPodsAndAreRefusedLocally() {
        String templates = """
                - name: main
                  steps: [[{name: a, template: k8s}, {name: b, template: pick}]]
                - name: k8s
                  resource: {action: create, manifest: "kind: ConfigMap"}
                - name: pick
                  data:
                    source: {artifactPaths: {name: in, s3: {bucket: b}}}
                    transformation: [{expression: "data"}]
                """;
        assertThat(lint(templates, ExecutionProfile.CLUSTER)).isEmpty();
        List<LintProblem> local = lint(templates, ExecutionProfile.LOCAL);
        assertThat(local).extracting(LintProblem::template, LintProblem::message).contains(
                tuple("k8s", "resource templates are not supported by Skiff's local runner yet: Argo's executor"
                        + " creates, patches or deletes the manifest's object in the cluster it runs in, and a local"
                        + " run has none"),
                tuple("pick", "data templates are not supported by Skiff's local runner yet: Argo's executor lists"
                        + " the source's artifacts in the artifact repository"));
        assertThat(local).allSatisfy(p -> assertThat(p.kind()).isEqualTo(ProblemKind.UNSUPPORTED));
    }

    @Test
    void synchronizationAndMemoizeAreRefusedWhereverStepsRunAndConfigMapParametersLocally() {
        String templates = """
                - name: main
                  synchronization: {mutex: {name: one-at-a-time}}
                  steps: [[{name: a, template: work, arguments: {parameters: [{name: x, valueFrom: {configMapKeyRef: {name: c, key: k}}}]}}]]
                - name: work
                  memoize: {key: "{{inputs.parameters.x}}", cache: {configMap: {name: cache}}}
                  inputs:
                    parameters:
                      - {name: x}
                      - {name: y, valueFrom: {configMapKeyRef: {name: cfg, key: y}}}
                  container: {image: alpine, command: [echo, "{{inputs.parameters.x}}"]}
                """;
        assertThat(lint(templates, ExecutionProfile.LOCAL)).extracting(LintProblem::template, LintProblem::message)
                .containsExactly(
                    tuple("main", "templates.main.synchronization is not supported by Skiff yet: no mutex or semaphore"
                            + " would be taken, so every holder would run at once"),
                    tuple("main", "templates.main.steps[0].a.arguments.parameters.x.valueFrom.configMapKeyRef is not"
                            + " supported by skiff run: only a controller reads ConfigMaps"),
                    tuple("work", "templates.work.memoize is not supported by Skiff yet: the step would run every time"
                            + " instead of reusing a cached result"),
                    tuple("work", "templates.work.inputs.parameters.y.valueFrom.configMapKeyRef is not supported by"
                            + " skiff run: only a controller reads ConfigMaps"));
        assertThat(lint(templates, ExecutionProfile.CLUSTER)).as("the controller reads configMapKeyRef parameters")
                .extracting(LintProblem::template, LintProblem::message).containsExactly(
                    tuple("main", "templates.main.synchronization is not supported by Skiff yet: no mutex or semaphore"
                            + " would be taken, so every holder would run at once"),
                    tuple("work", "templates.work.memoize is not supported by Skiff yet: the step would run every time"
                            + " instead of reusing a cached result"));
        assertThat(WorkflowLinter.lint(WorkflowCodec.read("""
                metadata: {name: p}
                spec:
                  entrypoint: main
                  synchronization: {semaphore: {configMapKeyRef: {name: s, key: k}}}
                  templates: [{name: main, container: {image: alpine, command: ["true"]}}]
                """, "t.yaml"), Map.of())).extracting(LintProblem::message).containsExactly(
                "spec.synchronization is not supported by Skiff yet: no lock or semaphore would be taken, so the"
                        + " workflow would run while others hold it");
    }

    @Test
    void volumeClaimTemplatesAreRefusedForTheControllerWhichDoesNotCreateTheClaims() {
        String yaml = """
                metadata: {name: p}
                spec:
                  entrypoint: main
                  volumeClaimTemplates:
                    - metadata: {name: work}
                      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                  templates:
                    - name: main
                      container: {image: alpine, command: ["true"], volumeMounts: [{name: work, mountPath: /work}]}
                """;
        List<LintProblem> cluster = WorkflowLinter.lint(WorkflowCodec.read(yaml, "t.yaml"), Map.of(),
                ExecutionProfile.CLUSTER);

        assertThat(cluster).extracting(LintProblem::kind, LintProblem::template, LintProblem::message).containsExactly(
                tuple(ProblemKind.UNSUPPORTED, "", "spec.volumeClaimTemplates is not supported by Skiff's controller"
                        + " yet: it does not create the workflow's PersistentVolumeClaims"));
        assertThat(cluster.getFirst().hint()).contains("persistentVolumeClaim: {claimName: ...}");
        assertThat(WorkflowLinter.lint(WorkflowCodec.read(yaml, "t.yaml"), Map.of(), ExecutionProfile.LOCAL))
                .as("a local run maps the claim to a directory").isEmpty();
    }

    @Test
    void artifactGcIsRefusedForTheControllerWhichDoesNotDeleteAndRunsLocally() {
        String yaml = """
                metadata: {name: p}
                spec:
                  entrypoint: main
                  artifactGC: {strategy: OnWorkflowDeletion}
                  templates:
                    - name: main
                      container: {image: alpine, command: ["true"]}
                      outputs:
                        artifacts:
                          - {name: a, path: /tmp/a, artifactGC: {strategy: OnWorkflowCompletion}}
                          - {name: b, path: /tmp/b, artifactGC: {strategy: Never}}
                """;

        assertThat(WorkflowLinter.lint(WorkflowCodec.read(yaml, "t.yaml"), Map.of(), ExecutionProfile.CLUSTER))
                .extracting(LintProblem::template, LintProblem::message).containsExactly(
                        tuple("", "spec.artifactGC (strategy OnWorkflowDeletion) is not supported by Skiff's"
                                + " controller yet: it would not delete the artifacts"),
                        tuple("main", "templates.main.outputs.artifacts.a.artifactGC (strategy OnWorkflowCompletion)"
                                + " is not supported by Skiff's controller yet: it would not delete the artifact"));
        assertThat(WorkflowLinter.lint(WorkflowCodec.read(yaml, "t.yaml"), Map.of(), ExecutionProfile.LOCAL))
                .as("skiff run deletes OnWorkflowCompletion artifacts itself").isEmpty();
    }

    @Test
    void loopsWhoseSizeIsKnownAreCheckedAgainstTheLoopLimit() {
        List<LintProblem> problems = lint("""
                - name: main
                  steps:
                    - - {name: many, template: say, withSequence: {count: "1000000000"}}
                      - {name: range, template: say, withSequence: {start: "1", end: "20000"}}
                      - {name: few, template: say, withSequence: {count: "10000"}}
                      - {name: later, template: say, withSequence: {count: "{{workflow.parameters.n}}"}}
                - name: say
                  container: {image: alpine, command: ["true"]}
                """, ExecutionProfile.LOCAL).stream().filter(p -> p.message().contains("expands")).toList();
        assertThat(problems).extracting(LintProblem::message).containsExactly(
                "templates.main.steps[0].many: withSequence expands to 1000000000 items, more than the 10000 a loop"
                        + " may have in Skiff (--max-loop-items); Argo would also struggle: every item is a node of"
                        + " the workflow status, which Kubernetes stores in at most about 1.5 MiB",
                "templates.main.steps[0].range: withSequence expands to 20000 items, more than the 10000 a loop may"
                        + " have in Skiff (--max-loop-items); Argo would also struggle: every item is a node of the"
                        + " workflow status, which Kubernetes stores in at most about 1.5 MiB");
        assertThat(problems).extracting(LintProblem::kind).containsOnly(ProblemKind.UNSUPPORTED);
    }
}
