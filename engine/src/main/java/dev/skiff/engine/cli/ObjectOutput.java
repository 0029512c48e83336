package dev.skiff.engine.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The values of {@code -o} for commands that print Workflow objects of a cluster. */
enum ObjectOutput {
    /** The object(s) as JSON. */
    JSON,
    /** The object(s) as YAML. */
    YAML,
    /** Only the name(s). */
    NAME,
    /** The table or tree with more columns. */
    WIDE;

    /**
     * Parses {@code -o TEXT}; only the {@code allowed} values are accepted.
     *
     * @throws UserInputException naming the allowed values
     */
    static Optional<ObjectOutput> parse(String text, ObjectOutput... allowed) {
        if (text == null) {
            return Optional.empty();
        }
        for (ObjectOutput o : allowed) {
            if (o.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(o);
            }
        }
        throw new UserInputException("-o " + text + ": expected " + Arrays.stream(allowed)
                .map(o -> o.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** The matching {@code skiff run} display format (json, yaml or wide); empty for {@link #NAME}. */
    Optional<OutputFormat> displayFormat() {
        return switch (this) {
            case JSON -> Optional.of(OutputFormat.JSON);
            case YAML -> Optional.of(OutputFormat.YAML);
            case WIDE -> Optional.of(OutputFormat.WIDE);
            case NAME -> Optional.empty();
        };
    }

    /** Whether stdout carries only objects (no tree, no progress). */
    boolean isDocument() {
        return this == JSON || this == YAML;
    }
}
