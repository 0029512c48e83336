package dev.skiff.engine.expr;

/** One lexer token; {@code from} is its rune offset in the source. */
record Token(TokenKind kind, String value, int from) {

    boolean is(TokenKind k) {
        return kind == k;
    }

    boolean is(TokenKind k, String v) {
        return kind == k && value.equals(v);
    }

    @Override
    public String toString() {
        return value.isEmpty() ? kind.name() : describe();
    }

    private String describe() {
        String k = switch (kind) {
            case IDENTIFIER -> "Identifier";
            case NUMBER -> "Number";
            case STRING -> "String";
            case OPERATOR -> "Operator";
            case BRACKET -> "Bracket";
            case EOF -> "EOF";
        };
        return k + "(" + Values.goQuote(value) + ")";
    }
}
