package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** expr-lang string builtins: trim, upper, split, replace, indexOf, ... with Go's semantics. */
final class StringBuiltins {
    private StringBuiltins() {
    }

    static void register(Map<String, Fn> t) {
        t.put("trim", a -> {
            Args.count("trim", a, 1, 2);
            String s = Args.str("trim", a, 0);
            return a.size() == 1 ? GoStrings.trimSpace(s) : GoStrings.trim(s, Args.str("trim", a, 1));
        });
        t.put("trimPrefix", a -> {
            Args.count("trimPrefix", a, 1, 2);
            String s = Args.str("trimPrefix", a, 0);
            String p = a.size() == 2 ? Args.str("trimPrefix", a, 1) : " ";
            return s.startsWith(p) ? s.substring(p.length()) : s;
        });
        t.put("trimSuffix", a -> {
            Args.count("trimSuffix", a, 1, 2);
            String s = Args.str("trimSuffix", a, 0);
            String p = a.size() == 2 ? Args.str("trimSuffix", a, 1) : " ";
            return s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
        });
        t.put("upper", a -> {
            Args.count("upper", a, 1, 1);
            return GoStrings.upper(Args.str("upper", a, 0));
        });
        t.put("lower", a -> {
            Args.count("lower", a, 1, 1);
            return GoStrings.lower(Args.str("lower", a, 0));
        });
        t.put("split", a -> split("split", a, false));
        t.put("splitAfter", a -> split("splitAfter", a, true));
        t.put("replace", a -> {
            Args.count("replace", a, 3, 4);
            String s = Args.str("replace", a, 0);
            String old = Args.str("replace", a, 1);
            String nw = Args.str("replace", a, 2);
            long n = a.size() == 4 ? Arithmetic.toInt(a.get(3), "int") : -1;
            return GoStrings.replace(s, old, nw, n);
        });
        t.put("repeat", a -> {
            Args.count("repeat", a, 2, 2);
            String s = Args.str("repeat", a, 0);
            long n = Arithmetic.toInt(a.get(1), "int");
            if (n < 0) {
                throw new EvalError("invalid argument for repeat (expected positive integer, got " + n + ")");
            }
            if (n > 1_000_000 || (long) s.length() * n > 10_000_000) {
                throw new EvalError("memory budget exceeded");
            }
            return s.repeat((int) n);
        });
        t.put("indexOf", a -> {
            Args.count("indexOf", a, 2, 2);
            return GoStrings.byteIndex(Args.str("indexOf", a, 0), Args.str("indexOf", a, 0).indexOf(Args.str("indexOf", a, 1)));
        });
        t.put("lastIndexOf", a -> {
            Args.count("lastIndexOf", a, 2, 2);
            String s = Args.str("lastIndexOf", a, 0);
            return GoStrings.byteIndex(s, s.lastIndexOf(Args.str("lastIndexOf", a, 1)));
        });
        t.put("hasPrefix", a -> {
            Args.count("hasPrefix", a, 2, 2);
            return Args.str("hasPrefix", a, 0).startsWith(Args.str("hasPrefix", a, 1));
        });
        t.put("hasSuffix", a -> {
            Args.count("hasSuffix", a, 2, 2);
            return Args.str("hasSuffix", a, 0).endsWith(Args.str("hasSuffix", a, 1));
        });
        t.put("join", a -> {
            Args.count("join", a, 1, 2);
            List<?> items = Args.list("join", a, 0);
            String glue = a.size() == 2 ? Args.str("join", a, 1) : "";
            List<String> parts = new ArrayList<>(items.size());
            for (Object o : items) {
                if (!(o instanceof String s)) {
                    throw new EvalError("interface conversion: interface {} is " + Values.typeName(o) + ", not string");
                }
                parts.add(s);
            }
            return String.join(glue, parts);
        });
    }

    private static Object split(String fn, List<Object> a, boolean after) {
        Args.count(fn, a, 2, 3);
        String s = Args.str(fn, a, 0);
        String sep = Args.str(fn, a, 1);
        long n = a.size() == 3 ? Arithmetic.toInt(a.get(2), "int") : -1;
        return GoStrings.split(s, sep, after, n);
    }
}
