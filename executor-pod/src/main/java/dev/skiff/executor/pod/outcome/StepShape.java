package dev.skiff.executor.pod.outcome;

import java.util.List;

/**
 * What the assessment needs to know of the step's template.
 *
 * @param outputArtifacts names of the declared output artifacts, in order
 * @param daemon          whether the template is a daemon (Argo fails a daemon pod that ends)
 */
public record StepShape(List<String> outputArtifacts, boolean daemon) {

    public static final StepShape PLAIN = new StepShape(List.of(), false);

    public StepShape {
        outputArtifacts = List.copyOf(outputArtifacts);
    }
}
