package dev.skiff.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Arguments passed to a template or workflow. Only parameters are modelled; argument artifacts are
 * counted so that lint can report them as unsupported.
 *
 * @param parameters    parameters
 * @param artifactCount number of artifacts given
 */
public record Arguments(List<Parameter> parameters, int artifactCount) {

    public static final Arguments EMPTY = new Arguments(List.of(), 0);

    public Arguments {
        parameters = List.copyOf(parameters);
    }

    /** The parameter with this name. */
    public Optional<Parameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    static Arguments read(JsonNode parent, String path) {
        return JsonFields.object(parent, "arguments", path)
                .map(a -> new Arguments(Parameters.readList(a, "parameters", path + ".arguments"),
                        JsonFields.list(a, "artifacts", path + ".arguments").size()))
                .orElse(EMPTY);
    }
}
