package dev.skiff.engine.template;

import java.util.List;
import java.util.Set;

/** govaluate's stage planner as a left-associative precedence parser, from loosest to tightest level. */
final class WhenParser {
    private static final List<Set<String>> LEVELS = List.of(
        Set.of(","),
        Set.of("?", ":", "??"),
        Set.of("||"),
        Set.of("&&"),
        WhenLexer.COMPARATOR,
        Set.of("^", "&", "|"),
        Set.of(">>", "<<"),
        Set.of("+", "-"),
        Set.of("*", "/", "%"),
        Set.of("**"));

    private final List<WhenToken> tokens;
    private int pos;

    private WhenParser(List<WhenToken> tokens) {
        this.tokens = tokens;
    }

    /** Checks govaluate's token transitions, then plans the tokens; null for an empty expression. */
    static WhenNode parse(List<WhenToken> tokens) {
        checkSyntax(tokens);
        if (tokens.isEmpty()) {
            return null;
        }
        WhenParser p = new WhenParser(tokens);
        return p.level(0);
    }

    static void checkSyntax(List<WhenToken> tokens) {
        WhenTokenKind state = WhenTokenKind.UNKNOWN;
        WhenToken last = null;
        for (WhenToken t : tokens) {
            if (!state.next().contains(t.kind())) {
                if (last != null && last.kind() == WhenTokenKind.VARIABLE && t.kind() == WhenTokenKind.CLAUSE) {
                    throw new WhenSyntaxError("Undefined function " + last.value());
                }
                throw new WhenSyntaxError("Cannot transition token types from " + state + " ["
                    + (last == null ? "<nil>" : last.display()) + "] to " + t.kind() + " [" + t.display() + "]");
            }
            state = t.kind();
            last = t;
        }
        if (!state.canEnd()) {
            throw new WhenSyntaxError("Unexpected end of expression");
        }
    }

    private boolean more() {
        return pos < tokens.size();
    }

    private WhenNode level(int level) {
        if (level == LEVELS.size()) {
            return value();
        }
        WhenNode left = level(level + 1);
        while (more() && isOperatorOf(tokens.get(pos), level)) {
            String symbol = (String) tokens.get(pos++).value();
            WhenNode right = level(level + 1);
            left = new WhenNode.Operator(symbol, left, right);
        }
        return left;
    }

    private static boolean isOperatorOf(WhenToken t, int level) {
        return switch (t.kind()) {
            case SEPARATOR, TERNARY, LOGICALOP, COMPARATOR, MODIFIER -> LEVELS.get(level).contains((String) t.value())
                && kindFits(t.kind(), level);
            default -> false;
        };
    }

    private static boolean kindFits(WhenTokenKind kind, int level) {
        return switch (level) {
            case 0 -> kind == WhenTokenKind.SEPARATOR;
            case 1 -> kind == WhenTokenKind.TERNARY;
            case 2, 3 -> kind == WhenTokenKind.LOGICALOP;
            case 4 -> kind == WhenTokenKind.COMPARATOR;
            default -> kind == WhenTokenKind.MODIFIER;
        };
    }

    private WhenNode value() {
        if (!more()) {
            return null;
        }
        WhenToken t = tokens.get(pos++);
        return switch (t.kind()) {
            case CLAUSE -> {
                WhenNode inner = more() && tokens.get(pos).kind() == WhenTokenKind.CLAUSE_CLOSE ? null : level(0);
                pos++;
                yield inner == null ? new WhenNode.Literal(null) : inner;
            }
            case CLAUSE_CLOSE -> {
                pos--;
                yield null;
            }
            case PREFIX -> new WhenNode.Operator((String) t.value(), null, value());
            case VARIABLE, ACCESSOR -> new WhenNode.Parameter((String) t.value());
            default -> new WhenNode.Literal(t.value());
        };
    }
}
