package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which artifacts Argo's artifact GC strategies delete, where they are, and the status after. */
class ArtifactGarbageTest {

    private static final Workflow DONE = WorkflowCodec.read("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: gc}
            spec:
              entrypoint: main
              artifactGC: {strategy: OnWorkflowDeletion}
              templates: [{name: main, container: {image: a, command: ["true"]}}]
            status:
              phase: Succeeded
              nodes:
                gc:
                  id: gc
                  name: gc
                  displayName: gc
                  type: Pod
                  templateName: main
                  phase: Succeeded
                  outputs:
                    artifacts:
                      - {name: on-completion, path: /tmp/a, s3: {key: on-completion.txt},
                         artifactGC: {strategy: OnWorkflowCompletion}}
                      - {name: on-deletion, path: /tmp/b, s3: {key: on-deletion.txt}}
                      - {name: never, path: /tmp/c, s3: {key: never.txt}, artifactGC: {strategy: Never}}
                      - {name: gone, path: /tmp/d, s3: {key: gone.txt}, artifactGC: {strategy: OnWorkflowCompletion},
                         deleted: true}
                gc-steps:
                  id: gc-steps
                  name: gc.steps
                  displayName: steps
                  type: Steps
                  templateName: main
                  phase: Succeeded
                  outputs:
                    artifacts: [{name: global, s3: {key: other.txt}, artifactGC: {strategy: OnWorkflowCompletion}}]
            """, "gc.yaml");

    private static final ArtifactRepository REPOSITORY = ArtifactRepository.at(URI.create("file:///repo/"), Set.of());

    @Test
    void eachStrategyTakesThePodNodesArtifactsItAppliesToThatAreNotDeletedYet() {
        assertThat(ArtifactGarbage.collect(DONE, REPOSITORY, ArtifactGarbage.ON_COMPLETION)).containsExactly(
                new ArtifactGarbage.Target("gc", "on-completion", URI.create("file:///repo/on-completion.txt")));
        assertThat(ArtifactGarbage.collect(DONE, REPOSITORY, ArtifactGarbage.ON_DELETION)).containsExactly(
                new ArtifactGarbage.Target("gc", "on-deletion", URI.create("file:///repo/on-deletion.txt")));
    }

    @Test
    void withoutAnyStrategyNothingIsCollected() {
        Workflow plain = WorkflowCodec.read(DONE.document().toString().replace(
                "\"artifactGC\":{\"strategy\":\"OnWorkflowDeletion\"},", ""), "plain.yaml");

        assertThat(ArtifactGarbage.collect(plain, REPOSITORY, ArtifactGarbage.ON_DELETION)).isEmpty();
    }

    @Test
    void deletedArtifactsAreMarkedAsArgoRecordsThem() {
        List<ArtifactGarbage.Target> deleted = ArtifactGarbage.collect(DONE, REPOSITORY, ArtifactGarbage.ON_COMPLETION);

        Workflow after = ArtifactGarbage.markDeleted(DONE, deleted);

        assertThat(after.status().orElseThrow().nodes().get("gc").outputs().orElseThrow().artifacts())
                .extracting(a -> a.raw().path("deleted").asBoolean(false)).containsExactly(true, false, false, true);
        assertThat(ArtifactGarbage.collect(after, REPOSITORY, ArtifactGarbage.ON_COMPLETION)).isEmpty();
    }
}
