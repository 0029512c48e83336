package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** expr-lang array and map builtins: first, last, get, take, keys, values, reverse, uniq, sort, ... */
final class CollectionBuiltins {
    private CollectionBuiltins() {
    }

    static void register(Map<String, Fn> t) {
        t.put("first", a -> {
            Args.count("first", a, 1, 1);
            return quietFetch(a.get(0), 0L);
        });
        t.put("last", a -> {
            Args.count("last", a, 1, 1);
            return quietFetch(a.get(0), -1L);
        });
        t.put("get", a -> {
            if (a.size() < 2) {
                throw new EvalError("invalid number of arguments (expected 2, got " + a.size() + ")");
            }
            return quietFetch(a.get(0), a.get(1));
        });
        t.put("take", a -> {
            Args.count("take", a, 2, 2);
            List<?> l = Args.list("take", a, 0);
            long n = Args.integer("take", a, 1);
            if (n < 0) {
                throw new EvalError("slice bounds out of range [:" + n + "]");
            }
            return new ArrayList<Object>(l.subList(0, (int) Math.min(n, l.size())));
        });
        t.put("keys", a -> {
            Args.count("keys", a, 1, 1);
            return new ArrayList<Object>(Args.map("keys", a, 0).keySet());
        });
        t.put("values", a -> {
            Args.count("values", a, 1, 1);
            return new ArrayList<Object>(Args.map("values", a, 0).values());
        });
        t.put("toPairs", a -> {
            Args.count("toPairs", a, 1, 1);
            List<Object> out = new ArrayList<>();
            for (Map.Entry<?, ?> e : Args.map("toPairs", a, 0).entrySet()) {
                List<Object> pair = new ArrayList<>(2);
                pair.add(e.getKey());
                pair.add(e.getValue());
                out.add(pair);
            }
            return out;
        });
        t.put("fromPairs", a -> {
            Args.count("fromPairs", a, 1, 1);
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object p : Args.list("fromPairs", a, 0)) {
                if (!(p instanceof List<?> pair) || pair.size() != 2) {
                    throw new EvalError("invalid pair " + Values.formatV(p));
                }
                out.put(Values.formatV(pair.get(0)), pair.get(1));
            }
            return out;
        });
        t.put("reverse", a -> {
            Args.count("reverse", a, 1, 1);
            List<Object> out = new ArrayList<>(Args.list("reverse", a, 0));
            Collections.reverse(out);
            return out;
        });
        t.put("uniq", a -> {
            Args.count("uniq", a, 1, 1);
            List<Object> out = new ArrayList<>();
            for (Object o : Args.list("uniq", a, 0)) {
                if (out.stream().noneMatch(x -> Arithmetic.equal(o, x))) {
                    out.add(o);
                }
            }
            return out;
        });
        t.put("concat", a -> {
            if (a.isEmpty()) {
                throw new EvalError("invalid number of arguments (expected at least 1, got 0)");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.addAll(Args.list("concat", a, i));
            }
            return out;
        });
        t.put("flatten", a -> {
            Args.count("flatten", a, 1, 1);
            List<Object> out = new ArrayList<>();
            flatten(Args.list("flatten", a, 0), out);
            return out;
        });
        t.put("sort", a -> {
            Args.count("sort", a, 1, 2);
            List<Object> out = new ArrayList<>(Args.list("sort", a, 0));
            boolean desc = a.size() == 2 && Builtins.order(a.get(1), "sort");
            out.sort((x, y) -> desc ? Arithmetic.compare(y, x, "<") : Arithmetic.compare(x, y, "<"));
            return out;
        });
    }

    private static Object quietFetch(Object from, Object key) {
        if (from == null) {
            return null;
        }
        try {
            return Access.fetch(from, key);
        } catch (EvalError e) {
            return null;
        }
    }

    private static void flatten(List<?> in, List<Object> out) {
        for (Object o : in) {
            if (o instanceof List<?> l) {
                flatten(l, out);
            } else {
                out.add(o);
            }
        }
    }
}
