package dev.skiff.engine.golang;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Go's {@code encoding/json} syntax check, for the exact error text Go gives for malformed JSON (Argo shows it
 * in node and workflow messages): {@code invalid character 'i' looking for beginning of value},
 * {@code invalid character 'x' after top-level value}, {@code unexpected end of JSON input}, ...
 *
 * <p>Go's scanner reads bytes one at a time and, at the end of the input, feeds one more space: so input that
 * ends where a space is allowed (inside a string, between tokens) is {@code unexpected end of JSON input},
 * while input that ends inside a number, a literal or an escape is {@code invalid character ' ' ...}.
 * Iterative (no recursion); like Go, it refuses nesting deeper than 10000.
 */
public final class GoJsonSyntax {

    /** Go's {@code maxNestingDepth}. */
    static final int MAX_DEPTH = 10_000;
    private static final String END = "unexpected end of JSON input";

    private final byte[] in;
    private byte[] open = new byte[16];
    private int depth;
    private int pos;

    private GoJsonSyntax(String text) {
        this.in = text.getBytes(StandardCharsets.UTF_8);
    }

    /** Go's error for {@code text} as {@code json.Unmarshal} reports it, or empty when it is valid JSON. */
    public static Optional<String> error(String text) {
        try {
            new GoJsonSyntax(text).scan();
            return Optional.empty();
        } catch (Invalid e) {
            return Optional.of(e.getMessage());
        }
    }

    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private void scan() {
        boolean valueNext = true;
        while (true) {
            if (valueNext) {
                valueNext = value();
                continue;
            }
            // A value just ended: what may follow depends on what encloses it.
            skipSpace();
            if (depth == 0) {
                if (pos < in.length) {
                    throw invalid("after top-level value");
                }
                return;
            }
            requireMore();
            boolean inObject = open[depth - 1] == '{';
            byte c = in[pos++];
            if (c == ',') {
                if (inObject) {
                    key();
                }
                valueNext = true;
            } else if (c == (inObject ? '}' : ']')) {
                depth--;
            } else {
                pos--;
                throw invalid(inObject ? "after object key:value pair" : "after array element");
            }
        }
    }

    /** Reads one value; true when a value must follow (a container was opened and is not empty). */
    private boolean value() {
        skipSpace();
        requireMore();
        byte c = in[pos];
        switch (c) {
            case '{', '[' -> {
                if (depth == MAX_DEPTH) {
                    throw invalid("exceeded max depth");
                }
                if (depth == open.length) {
                    open = java.util.Arrays.copyOf(open, Math.min(MAX_DEPTH, open.length * 4));
                }
                open[depth++] = c;
                pos++;
                skipSpace();
                if (pos < in.length && in[pos] == (c == '{' ? '}' : ']')) {
                    pos++;
                    depth--;
                    return false;
                }
                if (c == '{') {
                    key();
                }
                return true;
            }
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c != '-' && (c < '0' || c > '9')) {
                    throw invalid("looking for beginning of value");
                }
                number();
            }
        }
        return false;
    }

    /** An object key and its colon. */
    private void key() {
        skipSpace();
        requireMore();
        if (in[pos] != '"') {
            throw invalid("looking for beginning of object key string");
        }
        string();
        skipSpace();
        requireMore();
        if (in[pos] != ':') {
            throw invalid("after object key");
        }
        pos++;
    }

    private void string() {
        pos++;
        while (true) {
            requireMore();
            byte c = in[pos];
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                pos++;
                escape();
                continue;
            }
            if ((c & 0xff) < 0x20) {
                throw invalid("in string literal");
            }
            pos++;
        }
    }

    private void escape() {
        byte e = at();
        if (e == 'u') {
            pos++;
            for (int i = 0; i < 4; i++) {
                if (Character.digit(at(), 16) < 0) {
                    throw invalid("in \\u hexadecimal character escape");
                }
                pos++;
            }
        } else if ("\"\\/bfnrt".indexOf(e) >= 0) {
            pos++;
        } else {
            throw invalid("in string escape code");
        }
    }

    private void number() {
        if (in[pos] == '-') {
            pos++;
            if (!isDigit(at())) {
                throw invalid("in numeric literal");
            }
        }
        if (in[pos] == '0') {
            pos++;
        } else {
            digits();
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            if (!isDigit(at())) {
                throw invalid("after decimal point in numeric literal");
            }
            digits();
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (at() == '+' || at() == '-') {
                pos++;
            }
            if (!isDigit(at())) {
                throw invalid("in exponent of numeric literal");
            }
            digits();
        }
    }

    private void digits() {
        while (pos < in.length && isDigit(in[pos])) {
            pos++;
        }
    }

    private void literal(String word) {
        pos++;
        for (int i = 1; i < word.length(); i++) {
            if (at() != word.charAt(i)) {
                throw invalid("in literal " + word + " (expecting '" + word.charAt(i) + "')");
            }
            pos++;
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The current byte, or the space Go's scanner feeds at the end of the input. */
    private byte at() {
        return pos < in.length ? in[pos] : (byte) ' ';
    }

    private void skipSpace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
    }

    /** Where a space would be fine, the end of the input is Go's "unexpected end". */
    private void requireMore() {
        if (pos >= in.length) {
            throw new Invalid(END);
        }
    }

    private Invalid invalid(String context) {
        return new Invalid("invalid character " + quoteChar(at()) + " " + context);
    }

    /**
     * Go's {@code quoteChar}: the byte read as a code point (so 0x80-0xff are Latin-1 characters) and quoted as
     * {@code strconv.Quote} does, between single quotes; a single quote is {@code '\''}, a double one {@code '"'}.
     */
    static String quoteChar(byte b) {
        int c = b & 0xff;
        return switch (c) {
            case '\'' -> "'\\''";
            case '"' -> "'\"'";
            case '\\' -> "'\\\\'";
            case 0x07 -> "'\\a'";
            case '\b' -> "'\\b'";
            case '\f' -> "'\\f'";
            case '\n' -> "'\\n'";
            case '\r' -> "'\\r'";
            case '\t' -> "'\\t'";
            case 0x0b -> "'\\v'";
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    yield String.format("'\\x%02x'", c);
                }
                if ((c >= 0x80 && c <= 0xa0) || c == 0xad) {
                    // Not printable for Go's strconv.IsPrint (C1 controls, no-break space, soft hyphen).
                    yield String.format("'\\u%04x'", c);
                }
                yield "'" + (char) c + "'";
            }
        };
    }
}
