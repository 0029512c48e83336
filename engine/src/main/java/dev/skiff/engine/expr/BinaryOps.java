package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates binary operator nodes, including the short-circuiting and string operators. */
final class BinaryOps {
    private BinaryOps() {
    }

    static Object apply(Evaluator ev, Node.Binary b) {
        String op = b.op();
        switch (op) {
            case "&&", "and" -> {
                return logical(ev, b, false);
            }
            case "||", "or" -> {
                return logical(ev, b, true);
            }
            case "??" -> {
                Object left = ev.eval(b.left());
                return left != null ? left : ev.eval(b.right());
            }
            default -> {
                Object left = ev.eval(b.left());
                Object right = ev.eval(b.right());
                return strict(op, left, right);
            }
        }
    }

    private static Object logical(Evaluator ev, Node.Binary b, boolean isOr) {
        Object left = ev.eval(b.left());
        if (!(left instanceof Boolean l)) {
            throw new EvalError("invalid operation: " + b.op() + " (mismatched types "
                + Values.typeName(left) + " and bool)");
        }
        if (l == isOr) {
            return l;
        }
        Object right = ev.eval(b.right());
        if (!(right instanceof Boolean r)) {
            throw new EvalError("invalid operation: " + b.op() + " (mismatched types bool and "
                + Values.typeName(right) + ")");
        }
        return r;
    }

    static Object strict(String op, Object left, Object right) {
        return switch (op) {
            case "+" -> Arithmetic.add(left, right);
            case "-" -> Arithmetic.subtract(left, right);
            case "*" -> Arithmetic.multiply(left, right);
            case "/" -> Arithmetic.divide(left, right);
            case "%" -> Arithmetic.modulo(left, right);
            case "**", "^" -> Arithmetic.power(left, right);
            case "==" -> Arithmetic.equal(left, right);
            case "!=" -> !Arithmetic.equal(left, right);
            case "<" -> Arithmetic.compare(left, right, op) == -1;
            case ">" -> Arithmetic.compare(left, right, op) == 1;
            case "<=" -> {
                int c = Arithmetic.compare(left, right, op);
                yield c == -1 || c == 0;
            }
            case ">=" -> {
                int c = Arithmetic.compare(left, right, op);
                yield c == 1 || c == 0;
            }
            case "in" -> in(left, right);
            case "matches" -> left == null || right == null ? Boolean.FALSE
                : Regexes.find(str(right, op), str(left, op));
            case "contains" -> left == null || right == null ? Boolean.FALSE : str(left, op).contains(str(right, op));
            case "startsWith" -> left == null || right == null ? Boolean.FALSE
                : str(left, op).startsWith(str(right, op));
            case "endsWith" -> left == null || right == null ? Boolean.FALSE : str(left, op).endsWith(str(right, op));
            case ".." -> range(Arithmetic.toInt(left, "int"), Arithmetic.toInt(right, "int"));
            default -> throw new EvalError("unknown operator (" + op + ")");
        };
    }

    private static String str(Object v, String op) {
        if (v instanceof String s) {
            return s;
        }
        throw new EvalError("invalid operation: " + op + " (mismatched type " + Values.typeName(v) + ", expected string)");
    }

    static boolean in(Object needle, Object haystack) {
        return switch (haystack) {
            case null -> false;
            case List<?> list -> {
                for (Object o : list) {
                    if (Arithmetic.equal(o, needle)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Map<?, ?> map -> {
                if (needle != null && !(needle instanceof String)) {
                    throw new EvalError("cannot use " + Values.typeName(needle) + " as a key of map[string]interface {}");
                }
                yield map.containsKey(needle);
            }
            default -> throw new EvalError("operator \"in\" not defined on " + Values.typeName(haystack));
        };
    }

    static List<Object> range(long min, long max) {
        long size = max - min + 1;
        if (size > 1_000_000) {
            throw new EvalError("memory budget exceeded");
        }
        List<Object> out = new ArrayList<>((int) Math.max(size, 0));
        for (long i = min; i <= max; i++) {
            out.add(i);
        }
        return out;
    }
}
