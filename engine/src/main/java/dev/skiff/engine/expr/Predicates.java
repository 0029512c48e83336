package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The closure builtins of expr-lang ({@code all}, {@code filter}, {@code map}, {@code reduce}, ...). */
final class Predicates {
    private Predicates() {
    }

    static boolean isPredicate(String name) {
        return Operators.PREDICATES.containsKey(name);
    }

    static Object apply(Evaluator ev, Node.Builtin b) {
        List<?> items = iterable(b.name(), ev.eval(b.args().get(0)));
        List<Node> args = b.args();
        Node pred = args.size() > 1 ? args.get(1) : null;
        Evaluator.Frame frame = ev.pushFrame();
        try {
            return switch (b.name()) {
                case "all" -> {
                    for (int i = 0; i < items.size(); i++) {
                        if (!test(ev, frame, items, i, pred)) {
                            yield false;
                        }
                    }
                    yield true;
                }
                case "any" -> {
                    for (int i = 0; i < items.size(); i++) {
                        if (test(ev, frame, items, i, pred)) {
                            yield true;
                        }
                    }
                    yield false;
                }
                case "none" -> {
                    for (int i = 0; i < items.size(); i++) {
                        if (test(ev, frame, items, i, pred)) {
                            yield false;
                        }
                    }
                    yield true;
                }
                case "one" -> count(ev, frame, items, pred) == 1;
                case "count" -> count(ev, frame, items, pred);
                case "filter" -> {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        if (test(ev, frame, items, i, pred)) {
                            out.add(items.get(i));
                        }
                    }
                    yield out;
                }
                case "map" -> {
                    List<Object> out = new ArrayList<>(items.size());
                    for (int i = 0; i < items.size(); i++) {
                        out.add(value(ev, frame, items, i, pred));
                    }
                    yield out;
                }
                case "find", "findIndex" -> find(ev, frame, items, pred, b.name().equals("findIndex"), false);
                case "findLast", "findLastIndex" ->
                    find(ev, frame, items, pred, b.name().equals("findLastIndex"), true);
                case "sum" -> {
                    Object acc = 0L;
                    for (int i = 0; i < items.size(); i++) {
                        acc = Arithmetic.add(value(ev, frame, items, i, pred), acc);
                    }
                    yield acc;
                }
                case "groupBy" -> groupBy(ev, frame, items, pred);
                case "sortBy" -> sortBy(ev, frame, items, pred, args.size() > 2 ? ev.eval(args.get(2)) : "asc");
                case "reduce" -> reduce(ev, frame, items, pred, args.size() > 2 ? args.get(2) : null);
                default -> throw new EvalError("unknown predicate " + b.name());
            };
        } finally {
            ev.popFrame();
        }
    }

    private static List<?> iterable(String name, Object v) {
        if (v instanceof List<?> list) {
            return list;
        }
        throw new EvalError("invalid argument for " + name + " (type " + Values.typeName(v) + ", expected array)");
    }

    private static Object value(Evaluator ev, Evaluator.Frame f, List<?> items, int i, Node pred) {
        f.item = items.get(i);
        f.index = i;
        return pred == null ? f.item : ev.eval(pred);
    }

    private static boolean test(Evaluator ev, Evaluator.Frame f, List<?> items, int i, Node pred) {
        Object v = value(ev, f, items, i, pred);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new EvalError("predicate should return boolean (got " + Values.typeName(v) + ")");
    }

    private static long count(Evaluator ev, Evaluator.Frame f, List<?> items, Node pred) {
        long n = 0;
        for (int i = 0; i < items.size(); i++) {
            if (test(ev, f, items, i, pred)) {
                n++;
            }
        }
        return n;
    }

    private static Object find(Evaluator ev, Evaluator.Frame f, List<?> items, Node pred, boolean index, boolean last) {
        for (int k = 0; k < items.size(); k++) {
            int i = last ? items.size() - 1 - k : k;
            if (test(ev, f, items, i, pred)) {
                return index ? (Object) (long) i : items.get(i);
            }
        }
        return index ? (Object) (-1L) : null;
    }

    private static Object groupBy(Evaluator ev, Evaluator.Frame f, List<?> items, Node pred) {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String key = Values.formatV(value(ev, f, items, i, pred));
            @SuppressWarnings("unchecked")
            List<Object> group = (List<Object>) groups.computeIfAbsent(key, k -> new ArrayList<>());
            group.add(items.get(i));
        }
        return groups;
    }

    private static Object sortBy(Evaluator ev, Evaluator.Frame f, List<?> items, Node pred, Object order) {
        boolean desc = Builtins.order(order, "sortBy");
        List<Object[]> pairs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            pairs.add(new Object[] {items.get(i), value(ev, f, items, i, pred)});
        }
        pairs.sort((x, y) -> desc ? Arithmetic.compare(y[1], x[1], "<") : Arithmetic.compare(x[1], y[1], "<"));
        List<Object> out = new ArrayList<>(pairs.size());
        for (Object[] p : pairs) {
            out.add(p[0]);
        }
        return out;
    }

    private static Object reduce(Evaluator ev, Evaluator.Frame f, List<?> items, Node pred, Node initial) {
        int start = 0;
        if (initial != null) {
            f.acc = ev.eval(initial);
        } else {
            if (items.isEmpty()) {
                throw new EvalError("reduce of empty array with no initial value");
            }
            f.acc = items.get(0);
            start = 1;
        }
        for (int i = start; i < items.size(); i++) {
            f.acc = value(ev, f, items, i, pred);
        }
        return f.acc;
    }
}
