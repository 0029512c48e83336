package dev.skiff.engine.core;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Go's encoding/json syntax check ({@code checkValid}), for Go's exact error messages such as
 * {@code invalid character 'h' looking for beginning of value}, which Argo puts in node messages.
 */
final class GoJsonSyntax {

    private final byte[] in;
    private int pos;

    private GoJsonSyntax(String text) {
        this.in = text.getBytes(StandardCharsets.UTF_8);
    }

    /** The error Go's json.Unmarshal reports for malformed input, or empty when the text is valid JSON. */
    static Optional<String> error(String text) {
        GoJsonSyntax s = new GoJsonSyntax(text);
        try {
            s.value();
            s.space();
            if (s.pos < s.in.length) {
                throw s.bad("after top-level value");
            }
            return Optional.empty();
        } catch (Failure f) {
            return Optional.of(f.getMessage());
        }
    }

    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private Failure bad(String context) {
        if (pos >= in.length) {
            return new Failure("unexpected end of JSON input");
        }
        return new Failure("invalid character " + quoteChar(in[pos]) + " " + context);
    }

    private void space() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
    }

    private void value() {
        space();
        if (pos >= in.length) {
            throw new Failure("unexpected end of JSON input");
        }
        byte c = in[pos];
        switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else {
                    throw bad("looking for beginning of value");
                }
            }
        }
    }

    private void object() {
        pos++;
        space();
        if (pos < in.length && in[pos] == '}') {
            pos++;
            return;
        }
        while (true) {
            space();
            if (pos >= in.length || in[pos] != '"') {
                throw bad("looking for beginning of object key string");
            }
            string();
            space();
            if (pos >= in.length || in[pos] != ':') {
                throw bad("after object key");
            }
            pos++;
            value();
            space();
            if (pos < in.length && in[pos] == ',') {
                pos++;
                continue;
            }
            if (pos < in.length && in[pos] == '}') {
                pos++;
                return;
            }
            throw bad("after object key:value pair");
        }
    }

    private void array() {
        pos++;
        space();
        if (pos < in.length && in[pos] == ']') {
            pos++;
            return;
        }
        while (true) {
            value();
            space();
            if (pos < in.length && in[pos] == ',') {
                pos++;
                continue;
            }
            if (pos < in.length && in[pos] == ']') {
                pos++;
                return;
            }
            throw bad("after array element");
        }
    }

    private void string() {
        pos++;
        while (true) {
            if (pos >= in.length) {
                throw new Failure("unexpected end of JSON input");
            }
            byte c = in[pos];
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                pos++;
                if (pos >= in.length) {
                    throw new Failure("unexpected end of JSON input");
                }
                byte e = in[pos];
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        pos++;
                        if (pos >= in.length) {
                            throw new Failure("unexpected end of JSON input");
                        }
                        if (Character.digit(in[pos], 16) < 0) {
                            throw bad("in \\u hexadecimal character escape");
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw bad("in string escape code");
                }
            } else if ((c & 0xff) < 0x20) {
                throw bad("in string literal");
            }
            pos++;
        }
    }

    private void number() {
        if (in[pos] == '-') {
            pos++;
            if (pos >= in.length || in[pos] < '0' || in[pos] > '9') {
                throw bad("in numeric literal");
            }
        }
        if (in[pos] == '0') {
            pos++;
        } else {
            digits();
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            if (pos >= in.length || in[pos] < '0' || in[pos] > '9') {
                throw bad("after decimal point in numeric literal");
            }
            digits();
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (pos >= in.length || in[pos] < '0' || in[pos] > '9') {
                throw bad("in exponent of numeric literal");
            }
            digits();
        }
    }

    private void digits() {
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= in.length || in[pos] != word.charAt(i)) {
                throw bad("in literal " + word + " (expecting '" + word.charAt(i) + "')");
            }
            pos++;
        }
    }

    /** Go's quoteChar. */
    private static String quoteChar(byte c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        int b = c & 0xff;
        if (b >= 0x20 && b < 0x7f) {
            return "'" + (char) b + "'";
        }
        return switch (b) {
            case '\n' -> "'\\n'";
            case '\t' -> "'\\t'";
            case '\r' -> "'\\r'";
            default -> String.format("'\\x%02x'", b);
        };
    }
}
