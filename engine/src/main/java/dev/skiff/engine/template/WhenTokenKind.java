package dev.skiff.engine.template;

import java.util.EnumSet;
import java.util.Set;

/** govaluate's token kinds and, for each, the kinds that may follow it (govaluate's lexer states). */
enum WhenTokenKind {
    UNKNOWN(false), PREFIX(false), NUMERIC(true), BOOLEAN(true), STRING(true), PATTERN(true), TIME(true),
    VARIABLE(true), FUNCTION(false), SEPARATOR(false), COMPARATOR(false), LOGICALOP(false), MODIFIER(false),
    CLAUSE(false), CLAUSE_CLOSE(true), TERNARY(false), ACCESSOR(true);

    private final boolean canEnd;

    WhenTokenKind(boolean canEnd) {
        this.canEnd = canEnd;
    }

    boolean canEnd() {
        return canEnd;
    }

    Set<WhenTokenKind> next() {
        return switch (this) {
            case UNKNOWN -> EnumSet.of(PREFIX, NUMERIC, BOOLEAN, VARIABLE, PATTERN, FUNCTION, ACCESSOR, STRING, TIME,
                CLAUSE);
            case CLAUSE -> EnumSet.of(PREFIX, NUMERIC, BOOLEAN, VARIABLE, PATTERN, FUNCTION, ACCESSOR, STRING, TIME,
                CLAUSE, CLAUSE_CLOSE);
            case CLAUSE_CLOSE -> EnumSet.of(COMPARATOR, MODIFIER, NUMERIC, BOOLEAN, VARIABLE, STRING, PATTERN, TIME,
                CLAUSE, CLAUSE_CLOSE, LOGICALOP, TERNARY, SEPARATOR);
            case NUMERIC, BOOLEAN, STRING, VARIABLE -> EnumSet.of(MODIFIER, COMPARATOR, LOGICALOP, CLAUSE_CLOSE,
                TERNARY, SEPARATOR);
            case TIME, PATTERN -> EnumSet.of(MODIFIER, COMPARATOR, LOGICALOP, CLAUSE_CLOSE, SEPARATOR);
            case MODIFIER -> EnumSet.of(PREFIX, NUMERIC, VARIABLE, FUNCTION, ACCESSOR, STRING, BOOLEAN, CLAUSE,
                CLAUSE_CLOSE);
            case COMPARATOR -> EnumSet.of(PREFIX, NUMERIC, BOOLEAN, VARIABLE, FUNCTION, ACCESSOR, STRING, TIME, CLAUSE,
                CLAUSE_CLOSE, PATTERN);
            case LOGICALOP -> EnumSet.of(PREFIX, NUMERIC, BOOLEAN, VARIABLE, FUNCTION, ACCESSOR, STRING, TIME, CLAUSE,
                CLAUSE_CLOSE);
            case PREFIX -> EnumSet.of(NUMERIC, BOOLEAN, VARIABLE, FUNCTION, ACCESSOR, CLAUSE, CLAUSE_CLOSE);
            case TERNARY -> EnumSet.of(PREFIX, NUMERIC, BOOLEAN, STRING, TIME, VARIABLE, FUNCTION, ACCESSOR, CLAUSE,
                SEPARATOR);
            case FUNCTION -> EnumSet.of(CLAUSE);
            case ACCESSOR -> EnumSet.of(CLAUSE, MODIFIER, COMPARATOR, LOGICALOP, CLAUSE_CLOSE, TERNARY, SEPARATOR);
            case SEPARATOR -> EnumSet.of(PREFIX, NUMERIC, BOOLEAN, STRING, TIME, VARIABLE, FUNCTION, ACCESSOR, CLAUSE);
        };
    }
}
