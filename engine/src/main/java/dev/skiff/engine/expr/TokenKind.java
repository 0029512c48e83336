package dev.skiff.engine.expr;

/** Kinds of tokens of the expr-lang lexer. */
enum TokenKind {
    IDENTIFIER, NUMBER, STRING, OPERATOR, BRACKET, EOF
}
