package dev.skiff.engine.expr;

/** Reads quoted expr-lang string literals with their escape sequences. */
final class StringLiterals {
    private StringLiterals() {
    }

    /** Reads up to the closing {@code quote} (the opening one is consumed) and returns the unescaped text. */
    static String unquote(Lexer l, int quote) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = l.next();
            if (c == quote) {
                return sb.toString().replace("\r\n", "\n").replace('\r', '\n');
            }
            if (c == '\n' || c < 0) {
                throw l.error("literal not terminated");
            }
            if (c == '\\') {
                escape(l, quote, sb);
            } else {
                sb.appendCodePoint(c);
            }
        }
    }

    private static void escape(Lexer l, int quote, StringBuilder sb) {
        int c = l.next();
        switch (c) {
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case '\\' -> sb.append('\\');
            case 'x' -> sb.appendCodePoint(hex(l, 2));
            case 'U' -> sb.appendCodePoint(hex(l, 8));
            case 'u' -> sb.appendCodePoint(l.peek() == '{' ? braced(l) : hex(l, 4));
            case '0', '1', '2', '3', '4', '5', '6', '7' -> sb.appendCodePoint(octal(l, c));
            default -> {
                if (c != quote) {
                    throw l.error("invalid char escape");
                }
                sb.appendCodePoint(c);
            }
        }
    }

    private static int hex(Lexer l, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = Character.digit(l.peek(), 16);
            if (l.peek() < 0 || d < 0) {
                l.next();
                throw l.error("invalid char escape");
            }
            l.next();
            v = v * 16 + d;
        }
        if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
            throw l.error("unable to unescape string");
        }
        return v;
    }

    private static int braced(Lexer l) {
        l.next();
        int v = 0;
        int digits = 0;
        while (l.peek() != '}') {
            int d = Character.digit(l.peek(), 16);
            if (l.peek() < 0 || d < 0 || digits >= 6) {
                throw l.error("invalid char escape");
            }
            l.next();
            v = v * 16 + d;
            digits++;
        }
        l.next();
        if (digits == 0 || v > Character.MAX_CODE_POINT) {
            throw l.error("invalid char escape");
        }
        return v;
    }

    private static int octal(Lexer l, int first) {
        int v = first - '0';
        for (int i = 0; i < 2; i++) {
            int c = l.peek();
            if (c < '0' || c > '7') {
                l.next();
                throw l.error("invalid char escape");
            }
            l.next();
            v = v * 8 + (c - '0');
        }
        if (first > '3') {
            throw l.error("unable to unescape octal sequence in string");
        }
        return v;
    }
}
