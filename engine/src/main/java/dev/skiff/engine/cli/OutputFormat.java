package dev.skiff.engine.cli;

/** The values of {@code -o}. */
enum OutputFormat {
    /** The final Workflow object as JSON, alone on stdout. */
    JSON,
    /** The final Workflow object as YAML, alone on stdout. */
    YAML,
    /** The tree with extra columns. */
    WIDE;

    /** Accepts {@code json}, {@code yaml}, {@code wide} in any case. */
    static OutputFormat parse(String text) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new UserInputException("-o " + text + ": expected json, yaml or wide");
    }
}
