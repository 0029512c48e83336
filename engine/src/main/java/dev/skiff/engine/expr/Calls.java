package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.List;

/** Parses calls (builtins, predicates, other functions), argument lists and array/map literals. */
final class Calls {
    private Calls() {
    }

    /** A call of {@code name}; {@code args} holds a piped left-hand side, if any. */
    static Node call(Parser p, Token name, List<Node> args) {
        String shape = Operators.PREDICATES.get(name.value());
        if (shape != null) {
            p.expect(TokenKind.BRACKET, "(");
            String rest = shape.substring(Math.min(args.size(), shape.length()));
            for (int i = 0; i < rest.length(); i++) {
                char kind = rest.charAt(i);
                boolean optional = Character.isUpperCase(kind);
                if (p.current().is(TokenKind.BRACKET, ")")) {
                    if (optional) {
                        break;
                    }
                    throw p.error("expected at least " + rest.length() + " arguments");
                }
                if (i > 0) {
                    p.expect(TokenKind.OPERATOR, ",");
                }
                args.add(Character.toLowerCase(kind) == 'p' ? p.predicate() : p.expression(0));
            }
            if (p.current().is(TokenKind.OPERATOR, ",")) {
                p.next();
            }
            p.expect(TokenKind.BRACKET, ")");
            return new Node.Builtin(name.value(), List.copyOf(args), name.from());
        }
        if (Operators.BUILTINS.contains(name.value())) {
            return new Node.Builtin(name.value(), arguments(p, args), name.from());
        }
        Node callee = new Node.Identifier(name.value(), name.from());
        return new Node.Call(callee, arguments(p, args), name.from());
    }

    static List<Node> arguments(Parser p, List<Node> args) {
        int offset = args.size();
        p.expect(TokenKind.BRACKET, "(");
        while (!p.current().is(TokenKind.BRACKET, ")")) {
            if (args.size() > offset) {
                p.expect(TokenKind.OPERATOR, ",");
            }
            if (p.current().is(TokenKind.BRACKET, ")")) {
                break;
            }
            args.add(p.expression(0));
        }
        p.expect(TokenKind.BRACKET, ")");
        return List.copyOf(args);
    }

    static Node array(Parser p) {
        int pos = p.current().from();
        List<Node> items = new ArrayList<>();
        p.expect(TokenKind.BRACKET, "[");
        while (!p.current().is(TokenKind.BRACKET, "]")) {
            if (!items.isEmpty()) {
                p.expect(TokenKind.OPERATOR, ",");
                if (p.current().is(TokenKind.BRACKET, "]")) {
                    break;
                }
            }
            items.add(p.expression(0));
        }
        p.expect(TokenKind.BRACKET, "]");
        return new Node.ArrayLit(List.copyOf(items), pos);
    }

    static Node map(Parser p) {
        int pos = p.current().from();
        List<Node> pairs = new ArrayList<>();
        p.expect(TokenKind.BRACKET, "{");
        while (!p.current().is(TokenKind.BRACKET, "}")) {
            if (!pairs.isEmpty()) {
                p.expect(TokenKind.OPERATOR, ",");
                if (p.current().is(TokenKind.BRACKET, "}")) {
                    break;
                }
                if (p.current().is(TokenKind.OPERATOR, ",")) {
                    throw p.error("unexpected token " + p.current());
                }
            }
            Token t = p.current();
            Node key;
            if (t.is(TokenKind.NUMBER) || t.is(TokenKind.STRING) || t.is(TokenKind.IDENTIFIER)) {
                key = new Node.Literal(t.value(), t.from());
                p.next();
            } else if (t.is(TokenKind.BRACKET, "(")) {
                key = p.expression(0);
            } else {
                throw p.error("a map key must be a quoted string, a number, a identifier, or an expression "
                    + "enclosed in parentheses (unexpected token " + t + ")");
            }
            p.expect(TokenKind.OPERATOR, ":");
            pairs.add(key);
            pairs.add(p.expression(0));
        }
        p.expect(TokenKind.BRACKET, "}");
        return new Node.MapLit(List.copyOf(pairs), pos);
    }
}
