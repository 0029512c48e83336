package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Arguments passed to a template or workflow.
 *
 * @param parameters parameters
 * @param artifacts  artifacts
 */
public record Arguments(List<Parameter> parameters, List<Artifact> artifacts) {

    public static final Arguments EMPTY = new Arguments(List.of(), List.of());

    public Arguments {
        parameters = List.copyOf(parameters);
        artifacts = List.copyOf(artifacts);
    }

    /** The parameter with this name. */
    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The artifact with this name. */
    public Optional<Artifact> artifact(String name) {
        return artifacts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Whether neither parameters nor artifacts are given. */
    public boolean isEmpty() {
        return parameters.isEmpty() && artifacts.isEmpty();
    }

    static Arguments read(JsonNode parent, String path) {
        return JsonFields.object(parent, "arguments", path)
                .map(a -> new Arguments(ParameterJson.readList(a, "parameters", path + ".arguments"),
                        Artifact.readList(a, "artifacts", path + ".arguments")))
                .orElse(EMPTY);
    }
}
