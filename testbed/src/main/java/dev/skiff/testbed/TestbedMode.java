package dev.skiff.testbed;

import java.util.Locale;

/** How tests get their clusters, chosen by the environment variable {@code SKIFF_TESTBED}. */
enum TestbedMode {
    /** Local processes built by testbed/prepare.sh (the default). */
    PROCESS,
    /** K3s containers through Testcontainers; needs a Docker engine. */
    K3S,
    /** No clusters: tests that need them are skipped, saying why. */
    SKIP;

    static final String VARIABLE = "SKIFF_TESTBED";

    static TestbedMode fromEnvironment() {
        String value = System.getenv(VARIABLE);
        if (value == null || value.isBlank()) {
            return PROCESS;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "process" -> PROCESS;
            case "k3s" -> K3S;
            case "skip" -> SKIP;
            default -> throw new TestbedException(VARIABLE + "='" + value + "' is not understood; use process (default), k3s or skip");
        };
    }
}
