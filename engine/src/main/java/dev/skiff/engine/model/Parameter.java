package dev.skiff.engine.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An Argo parameter (input, output or argument), with Argo's JSON field names.
 *
 * @param name         parameter name
 * @param value        the value, once known
 * @param defaultValue {@code default}
 * @param valueFrom    where the value comes from
 * @param globalName   exports the value as a workflow output parameter of this name
 * @param enumValues   {@code enum}: the values allowed
 * @param description  free text
 */
public record Parameter(String name, Optional<String> value, Optional<String> defaultValue,
                        Optional<ValueFrom> valueFrom, String globalName, List<String> enumValues,
                        Optional<String> description) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(valueFrom, "valueFrom");
        Objects.requireNonNull(globalName, "globalName");
        enumValues = List.copyOf(enumValues);
        Objects.requireNonNull(description, "description");
    }

    /** A parameter with just a name and a value. */
    public static Parameter of(String name, String value) {
        return new Parameter(name, Optional.of(value), Optional.empty(), Optional.empty(), "", List.of(),
                Optional.empty());
    }

    /** This parameter with the value set. */
    public Parameter withValue(String newValue) {
        return new Parameter(name, Optional.of(newValue), defaultValue, valueFrom, globalName, enumValues,
                description);
    }

    /** This parameter without {@code valueFrom}. */
    public Parameter withoutValueFrom() {
        return new Parameter(name, value, defaultValue, Optional.empty(), globalName, enumValues, description);
    }
}
