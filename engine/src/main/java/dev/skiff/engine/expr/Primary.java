package dev.skiff.engine.expr;

import java.util.ArrayList;

/** Primary expressions of expr-lang: literals, identifiers, unary operators, parentheses and postfix chains. */
final class Primary {
    private Primary() {
    }

    static Node parse(Parser p) {
        Token token = p.current();
        if (token.is(TokenKind.OPERATOR) && Operators.UNARY.containsKey(token.value())) {
            p.next();
            Node operand = p.expression(Operators.UNARY.get(token.value()));
            return postfix(p, new Node.Unary(token.value(), operand, token.from()));
        }
        if (token.is(TokenKind.BRACKET, "(")) {
            p.next();
            Node inner = p.sequence();
            p.expect(TokenKind.BRACKET, ")");
            return postfix(p, inner);
        }
        if (p.depth() > 0 && (token.is(TokenKind.OPERATOR, "#") || token.is(TokenKind.OPERATOR, "."))) {
            String name = "";
            if (token.is(TokenKind.OPERATOR, "#")) {
                p.next();
                if (p.current().is(TokenKind.IDENTIFIER)) {
                    name = p.current().value();
                    p.next();
                }
            }
            return postfix(p, new Node.Pointer(name, token.from()));
        }
        return secondary(p);
    }

    private static Node secondary(Parser p) {
        Token token = p.current();
        Node node;
        switch (token.kind()) {
            case IDENTIFIER -> {
                p.next();
                switch (token.value()) {
                    case "true" -> {
                        return new Node.Literal(Boolean.TRUE, token.from());
                    }
                    case "false" -> {
                        return new Node.Literal(Boolean.FALSE, token.from());
                    }
                    case "nil" -> {
                        return new Node.Literal(null, token.from());
                    }
                    default -> {
                        if (p.current().is(TokenKind.BRACKET, "(")) {
                            node = Calls.call(p, token, new ArrayList<>());
                        } else if (token.value().equals("$env")) {
                            node = new Node.Env(token.from());
                        } else {
                            node = new Node.Identifier(token.value(), token.from());
                        }
                    }
                }
            }
            case NUMBER -> {
                p.next();
                return new Node.Literal(NumberLiterals.parse(p, token), token.from());
            }
            case STRING -> {
                p.next();
                node = new Node.Literal(token.value(), token.from());
            }
            default -> {
                if (token.is(TokenKind.BRACKET, "[")) {
                    node = Calls.array(p);
                } else if (token.is(TokenKind.BRACKET, "{")) {
                    node = Calls.map(p);
                } else {
                    throw p.error("unexpected token " + token);
                }
            }
        }
        return postfix(p, node);
    }

    static Node postfix(Parser p, Node node) {
        while (true) {
            Token t = p.current();
            if (!(t.is(TokenKind.OPERATOR) || t.is(TokenKind.BRACKET))) {
                return node;
            }
            boolean optional = t.value().equals("?.");
            if (t.value().equals(".") || optional) {
                p.next();
                if (optional && p.current().is(TokenKind.BRACKET, "[")) {
                    node = index(p, node, p.current(), true);
                    continue;
                }
                node = property(p, node, optional);
            } else if (t.value().equals("[")) {
                node = index(p, node, t, false);
            } else {
                return node;
            }
        }
    }

    private static Node property(Parser p, Node node, boolean optional) {
        Token prop = p.current();
        p.next();
        boolean identifierLike = prop.is(TokenKind.IDENTIFIER)
            || (prop.is(TokenKind.OPERATOR) && isValidIdentifier(prop.value()));
        if (!identifierLike) {
            throw ExpressionException.at("expected name", p.errorSource(), prop.from());
        }
        boolean chained = node instanceof Node.Chain;
        Node base = chained ? ((Node.Chain) node).node() : node;
        Node member = new Node.Member(base, new Node.Literal(prop.value(), prop.from()), optional, prop.from());
        if (p.current().is(TokenKind.BRACKET, "(")) {
            member = new Node.Call(member, Calls.arguments(p, new ArrayList<>()), prop.from());
        }
        return chained || optional ? new Node.Chain(member, prop.from()) : member;
    }

    private static Node index(Parser p, Node node, Token bracket, boolean optional) {
        p.next();
        if (p.current().is(TokenKind.OPERATOR, ":")) {
            p.next();
            Node to = p.current().is(TokenKind.BRACKET, "]") ? null : p.expression(0);
            p.expect(TokenKind.BRACKET, "]");
            return new Node.Slice(node, null, to, bracket.from());
        }
        Node from = p.expression(0);
        if (p.current().is(TokenKind.OPERATOR, ":")) {
            p.next();
            Node to = p.current().is(TokenKind.BRACKET, "]") ? null : p.expression(0);
            p.expect(TokenKind.BRACKET, "]");
            return new Node.Slice(node, from, to, bracket.from());
        }
        Node member = new Node.Member(node, from, optional, bracket.from());
        p.expect(TokenKind.BRACKET, "]");
        return optional ? new Node.Chain(member, bracket.from()) : member;
    }

    static boolean isValidIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int first = s.codePointAt(0);
        if (!(first == '_' || first == '$' || Character.isLetter(first))) {
            return false;
        }
        return s.codePoints().allMatch(Lexer::isAlphaNumeric);
    }
}
