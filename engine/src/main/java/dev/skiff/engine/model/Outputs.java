package dev.skiff.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * Template, node or workflow outputs. Output artifacts are not modelled.
 *
 * @param parameters output parameters
 * @param result     stdout of a pod ({@code outputs.result})
 * @param exitCode   exit code of a pod, as text
 */
public record Outputs(List<Parameter> parameters, Optional<String> result, Optional<String> exitCode) {

    public static final Outputs EMPTY = new Outputs(List.of(), Optional.empty(), Optional.empty());

    public Outputs {
        parameters = List.copyOf(parameters);
    }

    /** The parameter with this name. */
    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Whether there is nothing to show. */
    public boolean isEmpty() {
        return parameters.isEmpty() && result.isEmpty() && exitCode.isEmpty();
    }
}
