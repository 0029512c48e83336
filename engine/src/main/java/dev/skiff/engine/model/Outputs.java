package dev.skiff.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * Template, node or workflow outputs.
 *
 * @param parameters output parameters
 * @param artifacts  output artifacts (on a node: those saved, with their location)
 * @param result     stdout of a pod ({@code outputs.result})
 * @param exitCode   exit code of a pod, as text
 */
public record Outputs(List<Parameter> parameters, List<Artifact> artifacts, Optional<String> result,
                      Optional<String> exitCode) {

    public static final Outputs EMPTY = new Outputs(List.of(), List.of(), Optional.empty(), Optional.empty());

    public Outputs {
        parameters = List.copyOf(parameters);
        artifacts = List.copyOf(artifacts);
    }

    /** Outputs without artifacts. */
    public Outputs(List<Parameter> parameters, Optional<String> result, Optional<String> exitCode) {
        this(parameters, List.of(), result, exitCode);
    }

    /** The parameter with this name. */
    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The artifact with this name. */
    public Optional<Artifact> artifact(String name) {
        return artifacts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Whether there is nothing to show. */
    public boolean isEmpty() {
        return parameters.isEmpty() && artifacts.isEmpty() && result.isEmpty() && exitCode.isEmpty();
    }
}
