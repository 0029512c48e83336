package dev.skiff.engine.cli;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What {@code skiff logs} prints.
 *
 * @param container  the container whose log is read ({@code main}: the step's own output)
 * @param pod        only this pod; empty for all pods of the workflow
 * @param selector   an extra label selector for the pods; "" for none
 * @param tailLines  only the last lines of each pod; empty for all
 * @param timestamps keep the server's timestamp in front of each line
 * @param grep       only lines matching this; empty for all
 */
record LogOptions(String container, Optional<String> pod, String selector, OptionalLong tailLines, boolean timestamps,
                  Optional<Pattern> grep) {

    /** Every line of container {@code main} of every pod. */
    static final LogOptions MAIN = new LogOptions("main", Optional.empty(), "", OptionalLong.empty(), false,
            Optional.empty());
}
