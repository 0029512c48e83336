package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;

/** The symbols {@code argo get} puts before a node, optionally coloured for a terminal. */
final class PhaseSymbols {

    private static final String RESET = "\u001b[0m";

    private PhaseSymbols() {
    }

    /** The node's symbol; a suspend node that is waiting shows {@code ǁ}. */
    static String of(NodeStatus node, boolean colour) {
        if (node.type() == NodeType.SUSPEND && node.phase() == NodePhase.RUNNING) {
            return paint("ǁ", "\u001b[36m", colour);
        }
        return switch (node.phase()) {
            case PENDING -> paint("◷", "\u001b[33m", colour);
            case RUNNING -> paint("●", "\u001b[36m", colour);
            case SUCCEEDED -> paint("✔", "\u001b[32m", colour);
            case SKIPPED, OMITTED -> paint("○", "", colour);
            case FAILED -> paint("✖", "\u001b[31m", colour);
            case ERROR -> paint("⚠", "\u001b[31m", colour);
        };
    }

    private static String paint(String symbol, String ansi, boolean colour) {
        return colour && !ansi.isEmpty() ? ansi + symbol + RESET : symbol;
    }
}
