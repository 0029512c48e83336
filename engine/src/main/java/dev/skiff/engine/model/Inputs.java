package dev.skiff.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * Template or node inputs.
 *
 * @param parameters input parameters
 * @param artifacts  input artifacts
 */
public record Inputs(List<Parameter> parameters, List<Artifact> artifacts) {

    public static final Inputs EMPTY = new Inputs(List.of(), List.of());

    public Inputs {
        parameters = List.copyOf(parameters);
        artifacts = List.copyOf(artifacts);
    }

    /** Inputs with parameters only. */
    public Inputs(List<Parameter> parameters) {
        this(parameters, List.of());
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
        return parameters.isEmpty() && artifacts.isEmpty();
    }
}
