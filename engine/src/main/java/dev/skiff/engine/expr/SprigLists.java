package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** sprig's list, dict and default/empty functions. */
final class SprigLists {
    private SprigLists() {
    }

    static void register(Map<String, Fn> t) {
        t.put("list", ArrayList::new);
        t.put("first", a -> {
            List<?> l = list("first", a, 1, 0);
            return l.isEmpty() ? null : l.get(0);
        });
        t.put("last", a -> {
            List<?> l = list("last", a, 1, 0);
            return l.isEmpty() ? null : l.get(l.size() - 1);
        });
        t.put("rest", a -> {
            List<?> l = list("rest", a, 1, 0);
            return l.isEmpty() ? null : new ArrayList<Object>(l.subList(1, l.size()));
        });
        t.put("initial", a -> {
            List<?> l = list("initial", a, 1, 0);
            return l.isEmpty() ? null : new ArrayList<Object>(l.subList(0, l.size() - 1));
        });
        t.put("uniq", a -> {
            List<Object> out = new ArrayList<>();
            for (Object o : list("uniq", a, 1, 0)) {
                if (out.stream().noneMatch(x -> Arithmetic.deepEqual(x, o))) {
                    out.add(o);
                }
            }
            return out;
        });
        t.put("has", a -> {
            SprigArgs.arity("has", a, 2);
            return a.get(1) instanceof List<?> l && l.stream().anyMatch(x -> Arithmetic.deepEqual(x, a.get(0)));
        });
        t.put("reverse", a -> {
            List<Object> out = new ArrayList<>(list("reverse", a, 1, 0));
            Collections.reverse(out);
            return out;
        });
        t.put("compact", a -> {
            List<Object> out = new ArrayList<>();
            for (Object o : list("compact", a, 1, 0)) {
                if (!SprigArgs.empty(o)) {
                    out.add(o);
                }
            }
            return out;
        });
        t.put("append", a -> {
            List<Object> out = new ArrayList<>(list("append", a, 2, 0));
            out.add(a.get(1));
            return out;
        });
        t.put("prepend", a -> {
            List<Object> out = new ArrayList<>(list("prepend", a, 2, 0));
            out.add(0, a.get(1));
            return out;
        });
        t.put("concat", a -> {
            List<Object> out = new ArrayList<>();
            for (Object o : a) {
                if (o instanceof List<?> l) {
                    out.addAll(l);
                }
            }
            return out;
        });
        t.put("join", a -> {
            SprigArgs.arity("join", a, 2);
            return String.join(SprigArgs.asString(a.get(0)), strings(a.get(1)));
        });
        t.put("splitList", a -> GoStrings.split(SprigArgs.str("splitList", a, 2, 1), SprigArgs.asString(a.get(0)), false, -1));
        t.put("split", a -> {
            List<Object> parts = GoStrings.split(SprigArgs.str("split", a, 2, 1), SprigArgs.asString(a.get(0)), false, -1);
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                out.put("_" + i, parts.get(i));
            }
            return out;
        });
        t.put("toStrings", a -> {
            SprigArgs.arity("toStrings", a, 1);
            return new ArrayList<Object>(strings(a.get(0)));
        });
        t.put("sortAlpha", a -> {
            SprigArgs.arity("sortAlpha", a, 1);
            List<String> s = new ArrayList<>(strings(a.get(0)));
            s.sort(Strings::compareBytes);
            return new ArrayList<Object>(s);
        });
        t.put("default", a -> {
            if (a.isEmpty()) {
                throw new EvalError("invalid number of arguments to sprig.default: expected at least 1, got 0");
            }
            return a.size() < 2 || SprigArgs.empty(a.get(1)) ? a.get(0) : a.get(1);
        });
        t.put("empty", a -> {
            SprigArgs.arity("empty", a, 1);
            return SprigArgs.empty(a.get(0));
        });
        t.put("coalesce", a -> a.stream().filter(o -> !SprigArgs.empty(o)).findFirst().orElse(null));
        t.put("ternary", a -> {
            SprigArgs.arity("ternary", a, 3);
            return Boolean.TRUE.equals(a.get(2)) ? a.get(0) : a.get(1);
        });
        t.put("dict", a -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < a.size(); i += 2) {
                out.put(SprigArgs.strval(a.get(i)), i + 1 < a.size() ? a.get(i + 1) : "");
            }
            return out;
        });
        t.put("get", a -> {
            SprigArgs.arity("get", a, 2);
            Map<?, ?> m = map("get", a.get(0));
            String k = SprigArgs.asString(a.get(1));
            return m.containsKey(k) ? m.get(k) : "";
        });
        t.put("hasKey", a -> {
            SprigArgs.arity("hasKey", a, 2);
            return map("hasKey", a.get(0)).containsKey(SprigArgs.asString(a.get(1)));
        });
        t.put("keys", a -> {
            List<Object> out = new ArrayList<>();
            for (Object d : a) {
                out.addAll(map("keys", d).keySet());
            }
            return out;
        });
        t.put("values", a -> {
            SprigArgs.arity("values", a, 1);
            return new ArrayList<Object>(map("values", a.get(0)).values());
        });
        t.put("until", a -> BinaryOps.range(0, SprigArgs.integer(a.get(0)) - 1));
    }

    private static List<?> list(String fn, List<Object> a, int arity, int i) {
        SprigArgs.arity(fn, a, arity);
        Object v = a.get(i);
        if (v instanceof List<?> l) {
            return l;
        }
        throw new EvalError("Cannot find " + fn + " on type " + Values.typeName(v));
    }

    private static Map<?, ?> map(String fn, Object v) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw new EvalError("reflect: Call using " + Values.typeName(v) + " as type map[string]interface {}");
    }

    /** sprig's {@code strslice}: list elements as strings (nil skipped), a single value as a one-element list. */
    static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o != null) {
                    out.add(SprigArgs.strval(o));
                }
            }
        } else if (v != null) {
            out.add(SprigArgs.strval(v));
        }
        return out;
    }
}
