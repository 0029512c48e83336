package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.List;

/** Precedence-climbing parser for expr-lang, mirroring expr's parser (operators, postfix, predicates). */
final class Parser {
    private final String source;
    private final List<Token> tokens;
    private int index;
    private Token current;
    private int depth;

    private Parser(String source) {
        this.source = source;
        this.tokens = Lexer.lex(source);
        this.current = tokens.get(0);
    }

    static Node parse(String source) {
        Parser p = new Parser(source);
        Node node = p.sequence();
        if (!p.current.is(TokenKind.EOF)) {
            throw p.error("unexpected token " + p.current);
        }
        return node;
    }

    String errorSource() {
        return source;
    }

    ExpressionException error(String message) {
        return ExpressionException.at(message, source, current.from());
    }

    void next() {
        if (current.is(TokenKind.EOF)) {
            throw error("unexpected end of expression");
        }
        current = tokens.get(++index);
    }

    Token current() {
        return current;
    }

    void expect(TokenKind kind, String value) {
        if (!current.is(kind, value)) {
            throw error("unexpected token " + current);
        }
        next();
    }

    Token expectIdentifier() {
        Token t = current;
        if (!t.is(TokenKind.IDENTIFIER)) {
            throw error("unexpected token " + current);
        }
        next();
        return t;
    }

    int depth() {
        return depth;
    }

    Node sequence() {
        int pos = current.from();
        List<Node> nodes = new ArrayList<>();
        nodes.add(expression(0));
        while (current.is(TokenKind.OPERATOR, ";")) {
            next();
            if (current.is(TokenKind.EOF)) {
                break;
            }
            nodes.add(expression(0));
        }
        return nodes.size() == 1 ? nodes.get(0) : new Node.Sequence(List.copyOf(nodes), pos);
    }

    Node expression(int precedence) {
        if (precedence == 0 && current.is(TokenKind.OPERATOR, "let")) {
            return let();
        }
        if (precedence == 0 && current.is(TokenKind.OPERATOR, "if")) {
            return ifElse();
        }
        Node left = Primary.parse(this);
        String previous = "";
        while (current.is(TokenKind.OPERATOR)) {
            Token opToken = current;
            boolean negate = opToken.value().equals("not");
            if (negate) {
                int save = index;
                next();
                if (!Operators.NEGATABLE.contains(current.value())) {
                    throw error("unexpected token " + current);
                }
                if (Operators.BINARY.get(current.value()).precedence() < precedence) {
                    index = save;
                    current = tokens.get(index);
                    break;
                }
                opToken = current;
            }
            Operators.Op op = Operators.BINARY.get(opToken.value());
            if (op == null || op.precedence() < precedence) {
                break;
            }
            next();
            if (opToken.value().equals("|")) {
                Token ident = expectIdentifier();
                left = Calls.call(this, ident, new ArrayList<>(List.of(left)));
            } else {
                if (previous.equals("??") && !opToken.value().equals("??")) {
                    throw ExpressionException.at("Operator (" + opToken.value()
                        + ") and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.",
                        source, opToken.from());
                }
                if (Operators.isComparison(opToken.value())) {
                    left = comparison(left, opToken, op.precedence());
                } else {
                    Node right = expression(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
                    left = new Node.Binary(opToken.value(), left, right, opToken.from());
                    if (negate) {
                        left = new Node.Unary("not", left, opToken.from());
                    }
                }
            }
            previous = opToken.value();
        }
        if (precedence == 0) {
            left = conditional(left);
        }
        return left;
    }

    private Node comparison(Node left, Token token, int precedence) {
        Node root = null;
        while (true) {
            Node right = expression(precedence + 1);
            Node cmp = new Node.Binary(token.value(), left, right, token.from());
            root = root == null ? cmp : new Node.Binary("&&", root, cmp, token.from());
            left = right;
            token = current;
            if (!(token.is(TokenKind.OPERATOR) && Operators.isComparison(token.value()))) {
                return root;
            }
            next();
        }
    }

    private Node conditional(Node node) {
        while (current.is(TokenKind.OPERATOR, "?")) {
            next();
            Node then;
            Node otherwise;
            if (!current.is(TokenKind.OPERATOR, ":")) {
                then = expression(0);
                expect(TokenKind.OPERATOR, ":");
                otherwise = expression(0);
            } else {
                next();
                then = node;
                otherwise = expression(0);
            }
            node = new Node.Conditional(node, then, otherwise, current.from());
        }
        return node;
    }

    private Node let() {
        expect(TokenKind.OPERATOR, "let");
        Token name = expectIdentifier();
        expect(TokenKind.OPERATOR, "=");
        Node value = expression(0);
        expect(TokenKind.OPERATOR, ";");
        Node body = sequence();
        return new Node.Let(name.value(), value, body, name.from());
    }

    private Node ifElse() {
        int pos = current.from();
        next();
        Node cond = expression(0);
        expect(TokenKind.BRACKET, "{");
        Node then = sequence();
        expect(TokenKind.BRACKET, "}");
        expect(TokenKind.OPERATOR, "else");
        Node otherwise;
        if (current.is(TokenKind.OPERATOR, "if")) {
            otherwise = ifElse();
        } else {
            expect(TokenKind.BRACKET, "{");
            otherwise = sequence();
            expect(TokenKind.BRACKET, "}");
        }
        return new Node.Conditional(cond, then, otherwise, pos);
    }

    Node predicate() {
        int pos = current.from();
        boolean braces = current.is(TokenKind.BRACKET, "{");
        if (braces) {
            next();
        }
        depth++;
        Node body;
        if (braces) {
            body = sequence();
        } else {
            body = expression(0);
            if (current.is(TokenKind.OPERATOR, ";")) {
                throw error("wrap predicate with brackets { and }");
            }
        }
        depth--;
        if (braces) {
            expect(TokenKind.BRACKET, "}");
        }
        return new Node.Predicate(body, pos);
    }
}
