package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** sprig's string functions; the subject string is the last argument. */
final class SprigStrings {
    private SprigStrings() {
    }

    static void register(Map<String, Fn> t) {
        t.put("upper", a -> GoStrings.upper(SprigArgs.str("upper", a, 1, 0)));
        t.put("lower", a -> GoStrings.lower(SprigArgs.str("lower", a, 1, 0)));
        t.put("trim", a -> GoStrings.trimSpace(SprigArgs.str("trim", a, 1, 0)));
        t.put("trimAll", a -> GoStrings.trim(SprigArgs.str("trimAll", a, 2, 1), SprigArgs.asString(a.get(0))));
        t.put("trimPrefix", a -> {
            String s = SprigArgs.str("trimPrefix", a, 2, 1);
            String p = SprigArgs.asString(a.get(0));
            return s.startsWith(p) ? s.substring(p.length()) : s;
        });
        t.put("trimSuffix", a -> {
            String s = SprigArgs.str("trimSuffix", a, 2, 1);
            String p = SprigArgs.asString(a.get(0));
            return s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
        });
        t.put("title", a -> title(SprigArgs.str("title", a, 1, 0)));
        t.put("nospace", a -> SprigArgs.str("nospace", a, 1, 0).replaceAll("\\s", ""));
        t.put("repeat", a -> SprigArgs.str("repeat", a, 2, 1).repeat((int) Math.max(0, SprigArgs.integer(a.get(0)))));
        t.put("substr", a -> {
            String s = SprigArgs.str("substr", a, 3, 2);
            long start = SprigArgs.integer(a.get(0));
            long end = SprigArgs.integer(a.get(1));
            if (start < 0) {
                return s.substring(0, (int) Math.min(Math.max(end, 0), s.length()));
            }
            if (end < 0 || end > s.length()) {
                return s.substring((int) Math.min(start, s.length()));
            }
            return s.substring((int) Math.min(start, end), (int) end);
        });
        t.put("trunc", a -> {
            String s = SprigArgs.str("trunc", a, 2, 1);
            long c = SprigArgs.integer(a.get(0));
            if (c < 0 && s.length() + c > 0) {
                return s.substring((int) (s.length() + c));
            }
            if (c >= 0 && s.length() > c) {
                return s.substring(0, (int) c);
            }
            return s;
        });
        t.put("contains", a -> SprigArgs.str("contains", a, 2, 1).contains(SprigArgs.asString(a.get(0))));
        t.put("hasPrefix", a -> SprigArgs.str("hasPrefix", a, 2, 1).startsWith(SprigArgs.asString(a.get(0))));
        t.put("hasSuffix", a -> SprigArgs.str("hasSuffix", a, 2, 1).endsWith(SprigArgs.asString(a.get(0))));
        t.put("replace", a -> GoStrings.replace(SprigArgs.str("replace", a, 3, 2), SprigArgs.asString(a.get(0)),
            SprigArgs.asString(a.get(1)), -1));
        t.put("quote", a -> join(a, "\""));
        t.put("squote", a -> join(a, "'"));
        t.put("cat", a -> {
            List<String> parts = new ArrayList<>();
            for (Object o : a) {
                if (o != null) {
                    parts.add(SprigArgs.strval(o));
                }
            }
            return String.join(" ", parts);
        });
        t.put("toString", a -> {
            SprigArgs.arity("toString", a, 1);
            return SprigArgs.strval(a.get(0));
        });
        t.put("indent", a -> indent(SprigArgs.str("indent", a, 2, 1), SprigArgs.integer(a.get(0))));
        t.put("nindent", a -> "\n" + indent(SprigArgs.str("nindent", a, 2, 1), SprigArgs.integer(a.get(0))));
        t.put("plural", a -> {
            SprigArgs.arity("plural", a, 3);
            return SprigArgs.integer(a.get(2)) == 1 ? SprigArgs.asString(a.get(0)) : SprigArgs.asString(a.get(1));
        });
    }

    private static String indent(String s, long n) {
        String pad = " ".repeat((int) Math.max(0, n));
        return pad + s.replace("\n", "\n" + pad);
    }

    private static String join(List<Object> a, String quote) {
        List<String> parts = new ArrayList<>();
        for (Object o : a) {
            if (o != null) {
                String s = SprigArgs.strval(o);
                parts.add(quote.equals("\"") ? Values.goQuote(s) : "'" + s + "'");
            }
        }
        return String.join(" ", parts);
    }

    /** Go's {@code strings.Title}: upper-cases the first letter of each word. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int prev = ' ';
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            boolean separator = !(Character.isLetterOrDigit(prev) || prev == '_');
            sb.appendCodePoint(separator ? Character.toTitleCase(c) : c);
            prev = c;
            i += Character.charCount(c);
        }
        return sb.toString();
    }
}
