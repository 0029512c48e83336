package dev.skiff.engine.template;

import dev.skiff.engine.expr.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Evaluates planned govaluate stages with govaluate's short-circuits and type checks (messages included). */
final class WhenEvaluator {
    private static final String LOGICAL = "Value '%s' cannot be used with the logical operator '%s', it is not a bool";
    private static final String MODIFIER = "Value '%s' cannot be used with the modifier '%s', it is not a number";
    private static final String COMPARATOR = "Value '%s' cannot be used with the comparator '%s', it is not a number";
    private static final String TERNARY = "Value '%s' cannot be used with the ternary operator '%s', it is not a bool";
    private static final String PREFIX = "Value '%s' cannot be used with the prefix '%s'";

    private WhenEvaluator() {
    }

    static Object eval(WhenNode node) {
        return switch (node) {
            case null -> null;
            case WhenNode.Literal l -> l.value();
            case WhenNode.Parameter p -> throw new WhenEvalError("No parameter '" + p.name().split("\\.")[0] + "' found.");
            case WhenNode.Operator op when op.left() == null -> prefix(op.symbol(), eval(op.right()));
            case WhenNode.Operator op -> binary(op);
        };
    }

    private static Object prefix(String symbol, Object v) {
        switch (symbol) {
            case "!" -> {
                check(v instanceof Boolean, PREFIX, v, symbol);
                return !(Boolean) v;
            }
            case "-" -> {
                check(v instanceof Double, PREFIX, v, symbol);
                return -(Double) v;
            }
            default -> {
                check(v instanceof Double, PREFIX, v, symbol);
                return (double) ~(long) (double) (Double) v;
            }
        }
    }

    private static Object binary(WhenNode.Operator op) {
        String s = op.symbol();
        Object left = eval(op.left());
        switch (s) {
            case "&&" -> {
                if (Boolean.FALSE.equals(left)) {
                    return false;
                }
            }
            case "||" -> {
                if (Boolean.TRUE.equals(left)) {
                    return true;
                }
            }
            case "??" -> {
                if (left != null) {
                    return left;
                }
            }
            case "?" -> {
                if (Boolean.FALSE.equals(left)) {
                    return null;
                }
                check(left instanceof Boolean, TERNARY, left, s);
            }
            case ":" -> {
                if (left != null) {
                    return left;
                }
            }
            default -> { }
        }
        Object right = eval(op.right());
        return apply(s, left, right);
    }

    private static Object apply(String s, Object left, Object right) {
        return switch (s) {
            case "&&", "||" -> {
                check(left instanceof Boolean, LOGICAL, left, s);
                check(right instanceof Boolean, LOGICAL, right, s);
                yield s.equals("&&") ? (Boolean) left && (Boolean) right : (Boolean) left || (Boolean) right;
            }
            case "?", ":", "??" -> right;
            case "==" -> deepEqual(left, right);
            case "!=" -> !deepEqual(left, right);
            case ">", "<", ">=", "<=" -> compare(s, left, right);
            case "=~", "!~" -> {
                check(left instanceof String, COMPARATOR, left, s);
                check(right instanceof String, COMPARATOR, right, s);
                boolean found = regex((String) right).matcher((String) left).find();
                yield s.equals("=~") == found;
            }
            case "in" -> {
                check(right instanceof List, COMPARATOR, right, s);
                yield ((List<?>) right).stream().anyMatch(v -> Objects.equals(v, left));
            }
            case "," -> {
                List<Object> list = new ArrayList<>();
                if (left instanceof List<?> l) {
                    list.addAll(l);
                } else {
                    list.add(left);
                }
                list.add(right);
                yield list;
            }
            case "+" -> {
                if (left instanceof String || right instanceof String) {
                    yield Values.sprint(left) + Values.sprint(right);
                }
                check(left instanceof Double && right instanceof Double, MODIFIER, left, s);
                yield (Double) left + (Double) right;
            }
            default -> arithmetic(s, left, right);
        };
    }

    private static Object arithmetic(String s, Object left, Object right) {
        check(left instanceof Double, MODIFIER, left, s);
        check(right instanceof Double, MODIFIER, right, s);
        double x = (Double) left;
        double y = (Double) right;
        return switch (s) {
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / y;
            case "%" -> x % y;
            case "**" -> Math.pow(x, y);
            case "&" -> (double) ((long) x & (long) y);
            case "|" -> (double) ((long) x | (long) y);
            case "^" -> (double) ((long) x ^ (long) y);
            case "<<" -> (double) ((long) x << (long) y);
            case ">>" -> (double) ((long) x >>> (long) y);
            default -> throw new WhenEvalError("unknown operator " + s);
        };
    }

    private static Object compare(String s, Object left, Object right) {
        int c;
        if (left instanceof Double x && right instanceof Double y) {
            if (x.isNaN() || y.isNaN()) {
                return false;
            }
            c = Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
        } else if (left instanceof String x && right instanceof String y) {
            c = x.compareTo(y);
        } else {
            throw new WhenEvalError(String.format(COMPARATOR, Values.sprint(left), s));
        }
        return switch (s) {
            case ">" -> c > 0;
            case "<" -> c < 0;
            case ">=" -> c >= 0;
            default -> c <= 0;
        };
    }

    private static boolean deepEqual(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    private static Pattern regex(String re) {
        try {
            return Pattern.compile(re.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException e) {
            throw new WhenEvalError("Unable to compile regexp pattern '" + re + "': " + e.getDescription());
        }
    }

    private static void check(boolean ok, String format, Object value, String symbol) {
        if (!ok) {
            throw new WhenEvalError(String.format(format, Values.sprint(value), symbol));
        }
    }
}
