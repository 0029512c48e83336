package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits expr-lang source into tokens, following expr's lexer rules (keywords, numbers, quotes). */
final class Lexer {
    private final String source;
    private final int[] cps;
    private int start;
    private int pos;
    private boolean eof;
    private final List<Token> tokens = new ArrayList<>();

    private Lexer(String source) {
        this.source = source;
        this.cps = source.codePoints().toArray();
    }

    static List<Token> lex(String source) {
        Lexer l = new Lexer(source);
        l.run();
        return l.tokens;
    }

    private void run() {
        while (true) {
            start = pos;
            if (pos >= cps.length) {
                int from = Math.max(0, cps.length - 1);
                tokens.add(new Token(TokenKind.EOF, "", from));
                return;
            }
            int c = cps[pos++];
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            if (c == '\'' || c == '"') {
                emit(TokenKind.STRING, StringLiterals.unquote(this, c));
            } else if (c == '`') {
                emit(TokenKind.STRING, rawString());
            } else if (c >= '0' && c <= '9') {
                pos--;
                number();
            } else if (c == '?') {
                accept(".?");
                emit(TokenKind.OPERATOR);
            } else if (c == '/') {
                slash();
            } else if (c == '#') {
                pointer();
            } else if (c == '|' || c == ':') {
                accept(new String(Character.toChars(c)));
                emit(TokenKind.OPERATOR);
            } else if ("([{)]}".indexOf(c) >= 0) {
                emit(TokenKind.BRACKET);
            } else if (",;%+-^".indexOf(c) >= 0) {
                emit(TokenKind.OPERATOR);
            } else if ("&!=*<>".indexOf(c) >= 0) {
                accept("&=*");
                emit(TokenKind.OPERATOR);
            } else if (c == '.') {
                dot();
            } else if (isAlphaNumeric(c)) {
                identifier();
            } else {
                throw error(String.format("unrecognized character: U+%04X '%s'", c, new String(Character.toChars(c))));
            }
        }
    }

    static boolean isAlphaNumeric(int c) {
        return c == '_' || c == '$' || Character.isLetter(c) || Character.isDigit(c);
    }

    int peek() {
        return pos < cps.length ? cps[pos] : -1;
    }

    int next() {
        if (pos < cps.length) {
            return cps[pos++];
        }
        eof = true;
        return -1;
    }

    int position() {
        return pos;
    }

    boolean accept(String valid) {
        int c = peek();
        if (c >= 0 && valid.indexOf(c) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // absorb
        }
    }

    String word() {
        return new String(cps, start, pos - start);
    }

    private void emit(TokenKind kind) {
        emit(kind, word());
    }

    private void emit(TokenKind kind, String value) {
        tokens.add(new Token(kind, value, start));
    }

    ExpressionException error(String message) {
        return ExpressionException.at(message, source, Math.max(0, eof ? pos : pos - 1));
    }

    private void number() {
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        int end = pos;
        if (accept(".")) {
            if (peek() == '.') {
                pos = end;
                emit(TokenKind.NUMBER);
                return;
            }
            acceptRun(digits);
        }
        if (accept("eE")) {
            accept("+-");
            acceptRun(digits);
        }
        if (peek() >= 0 && isAlphaNumeric(peek())) {
            pos++;
            throw error("bad number syntax: " + Values.goQuote(word()));
        }
        emit(TokenKind.NUMBER);
    }

    private void dot() {
        if (peek() >= '0' && peek() <= '9') {
            pos--;
            number();
            return;
        }
        accept(".");
        emit(TokenKind.OPERATOR);
    }

    private void identifier() {
        while (peek() >= 0 && isAlphaNumeric(peek())) {
            pos++;
        }
        String w = word();
        switch (w) {
            case "not" -> notOperator();
            case "in", "or", "and", "matches", "contains", "startsWith", "endsWith", "let", "if", "else" ->
                emit(TokenKind.OPERATOR);
            default -> emit(TokenKind.IDENTIFIER);
        }
    }

    private void notOperator() {
        emit(TokenKind.OPERATOR);
        while (peek() == ' ') {
            pos++;
        }
        start = pos;
        int save = pos;
        while (peek() >= 0 && isAlphaNumeric(peek())) {
            pos++;
        }
        switch (word()) {
            case "in", "matches", "contains", "startsWith", "endsWith" -> emit(TokenKind.OPERATOR);
            default -> pos = save;
        }
    }

    private void slash() {
        if (accept("/")) {
            while (true) {
                int c = next();
                if (c < 0 || c == '\n') {
                    return;
                }
            }
        }
        if (accept("*")) {
            while (true) {
                int c = next();
                if (c < 0) {
                    throw error("unclosed comment");
                }
                if (c == '*' && accept("/")) {
                    return;
                }
            }
        }
        emit(TokenKind.OPERATOR);
    }

    private void pointer() {
        accept("#");
        emit(TokenKind.OPERATOR);
        start = pos;
        while (peek() >= 0 && isAlphaNumeric(peek())) {
            pos++;
        }
        if (pos > start) {
            emit(TokenKind.IDENTIFIER);
        }
    }

    private String rawString() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = next();
            if (c < 0) {
                throw error("literal not terminated");
            }
            if (c == '`') {
                if (peek() == '`') {
                    pos++;
                    sb.append('`');
                    continue;
                }
                return sb.toString();
            }
            sb.appendCodePoint(c);
        }
    }
}
