package dev.skiff.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * Template or node inputs. Only parameters are modelled; input artifacts are not supported.
 *
 * @param parameters input parameters
 */
public record Inputs(List<Parameter> parameters) {

    public static final Inputs EMPTY = new Inputs(List.of());

    public Inputs {
        parameters = List.copyOf(parameters);
    }

    /** The parameter with this name. */
    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Whether there is nothing to show. */
    public boolean isEmpty() {
        return parameters.isEmpty();
    }
}
