package dev.skiff.engine.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** govaluate's lexer ({@code parsing.go}): numbers, quoted strings and dates, bare words, operators. */
final class WhenLexer {
    static final Set<String> PREFIX = Set.of("-", "!", "~");
    static final Set<String> MODIFIER = Set.of("+", "-", "*", "/", "%", "**", "&", "|", "^", ">>", "<<");
    static final Set<String> LOGICAL = Set.of("&&", "||");
    static final Set<String> COMPARATOR = Set.of("==", "!=", ">", ">=", "<", "<=", "=~", "!~", "in");
    static final Set<String> TERNARY = Set.of("?", ":", "??");
    static final Map<String, WhenTokenKind> NONE = Map.of();

    private final int[] cps;
    private int pos;

    private WhenLexer(String source) {
        this.cps = source.codePoints().toArray();
    }

    static List<WhenToken> tokenize(String source) {
        WhenLexer l = new WhenLexer(source);
        List<WhenToken> out = new ArrayList<>();
        WhenTokenKind state = WhenTokenKind.UNKNOWN;
        while (l.pos < l.cps.length) {
            WhenToken t = l.read(state);
            if (t == null) {
                break;
            }
            state = t.kind();
            out.add(t);
        }
        int parens = 0;
        for (WhenToken t : out) {
            parens += t.kind() == WhenTokenKind.CLAUSE ? 1 : t.kind() == WhenTokenKind.CLAUSE_CLOSE ? -1 : 0;
        }
        if (parens != 0) {
            throw new WhenSyntaxError("Unbalanced parenthesis");
        }
        return out;
    }

    private WhenToken read(WhenTokenKind state) {
        while (pos < cps.length) {
            int c = cps[pos++];
            if (isSpace(c)) {
                continue;
            }
            if (isNumeric(c)) {
                return number(c);
            }
            if (c == ',') {
                return new WhenToken(WhenTokenKind.SEPARATOR, ",");
            }
            if (c == '[') {
                String name = readUntil(true, false, ch -> ch != ']');
                if (!completed) {
                    throw new WhenSyntaxError("Unclosed parameter bracket");
                }
                pos++;
                return new WhenToken(WhenTokenKind.VARIABLE, name);
            }
            if (Character.isLetter(c)) {
                pos--;
                return word(readUntil(false, true, WhenLexer::isVariableName));
            }
            if (c == '\'' || c == '"') {
                String text = readUntil(true, false, ch -> ch != '\'' && ch != '"');
                if (!completed) {
                    throw new WhenSyntaxError("Unclosed string literal");
                }
                pos++;
                Double time = WhenDates.parse(text);
                return time != null ? new WhenToken(WhenTokenKind.TIME, time) : new WhenToken(WhenTokenKind.STRING, text);
            }
            if (c == '(') {
                return new WhenToken(WhenTokenKind.CLAUSE, 40L);
            }
            if (c == ')') {
                return new WhenToken(WhenTokenKind.CLAUSE_CLOSE, 41L);
            }
            pos--;
            return symbol(readUntil(false, true, WhenLexer::isSymbolChar), state);
        }
        return null;
    }

    private WhenToken number(int c) {
        if (c == '0' && pos < cps.length) {
            int next = cps[pos++];
            if (pos < cps.length && next == 'x') {
                String hex = readUntil(false, true, ch -> Character.digit(ch, 16) >= 0);
                try {
                    return new WhenToken(WhenTokenKind.NUMERIC, new BigInteger(hex, 16).doubleValue());
                } catch (NumberFormatException e) {
                    throw new WhenSyntaxError("Unable to parse hex value '" + hex + "' to uint64");
                }
            }
            pos--;
        }
        pos--;
        String text = readUntil(false, true, WhenLexer::isNumeric);
        return dev.skiff.engine.expr.Values.parseGoFloat(text)
            .map(d -> new WhenToken(WhenTokenKind.NUMERIC, d))
            .orElseThrow(() -> new WhenSyntaxError("Unable to parse numeric value '" + text + "' to float64"));
    }

    private static WhenToken word(String w) {
        if (w.equals("true") || w.equals("false")) {
            return new WhenToken(WhenTokenKind.BOOLEAN, Boolean.valueOf(w));
        }
        if (w.equals("in") || w.equals("IN")) {
            return new WhenToken(WhenTokenKind.COMPARATOR, "in");
        }
        int dot = w.indexOf('.');
        if (dot > 0) {
            if (w.endsWith(".")) {
                throw new WhenSyntaxError("Hanging accessor on token '" + w + "'");
            }
            String[] parts = w.split("\\.", -1);
            for (int i = 1; i < parts.length; i++) {
                int first = parts[i].isEmpty() ? 0 : parts[i].codePointAt(0);
                if (Character.toUpperCase(first) != first) {
                    throw new WhenSyntaxError("Unable to access unexported field '" + parts[i] + "' in token '" + w + "'");
                }
            }
            return new WhenToken(WhenTokenKind.ACCESSOR, w);
        }
        return new WhenToken(WhenTokenKind.VARIABLE, w);
    }

    private static WhenToken symbol(String s, WhenTokenKind state) {
        if (state.next().contains(WhenTokenKind.PREFIX) && PREFIX.contains(s)) {
            return new WhenToken(WhenTokenKind.PREFIX, s);
        }
        if (MODIFIER.contains(s)) {
            return new WhenToken(WhenTokenKind.MODIFIER, s);
        }
        if (LOGICAL.contains(s)) {
            return new WhenToken(WhenTokenKind.LOGICALOP, s);
        }
        if (COMPARATOR.contains(s)) {
            return new WhenToken(WhenTokenKind.COMPARATOR, s);
        }
        if (TERNARY.contains(s)) {
            return new WhenToken(WhenTokenKind.TERNARY, s);
        }
        throw new WhenSyntaxError("Invalid token: '" + s + "'");
    }

    private boolean completed;

    /** govaluate's {@code readUntilFalse} with escaping: a backslash takes the next character literally. */
    private String readUntil(boolean includeWhitespace, boolean breakWhitespace, java.util.function.IntPredicate cond) {
        StringBuilder sb = new StringBuilder();
        completed = false;
        while (pos < cps.length) {
            int c = cps[pos++];
            if (c == '\\') {
                if (pos >= cps.length) {
                    break;
                }
                sb.appendCodePoint(cps[pos++]);
                continue;
            }
            if (isSpace(c)) {
                if (breakWhitespace && !sb.isEmpty()) {
                    completed = true;
                    break;
                }
                if (!includeWhitespace) {
                    continue;
                }
            }
            if (cond.test(c)) {
                sb.appendCodePoint(c);
            } else {
                completed = true;
                pos--;
                break;
            }
        }
        return sb.toString();
    }

    static boolean isSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> c > 0xFF && Character.isSpaceChar(c);
        };
    }

    private static boolean isNumeric(int c) {
        return Character.isDigit(c) || c == '.';
    }

    private static boolean isVariableName(int c) {
        return Character.isLetter(c) || Character.isDigit(c) || c == '_' || c == '.';
    }

    private static boolean isSymbolChar(int c) {
        return !(Character.isDigit(c) || Character.isLetter(c) || c == '(' || c == ')' || c == '[' || c == ']'
            || c == '\'' || c == '"');
    }
}
