package dev.skiff.engine.expr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** sprig's math, conversion, encoding and regex functions. */
final class SprigMath {
    private SprigMath() {
    }

    static void register(Map<String, Fn> t) {
        t.put("add", a -> a.stream().mapToLong(SprigArgs::toInt64).sum());
        t.put("add1", a -> SprigArgs.toInt64(a.get(0)) + 1);
        t.put("sub", a -> SprigArgs.toInt64(a.get(0)) - SprigArgs.toInt64(a.get(1)));
        t.put("mul", a -> a.stream().mapToLong(SprigArgs::toInt64).reduce(1, (x, y) -> x * y));
        t.put("div", a -> {
            long y = SprigArgs.toInt64(a.get(1));
            if (y == 0) {
                throw new EvalError("integer divide by zero");
            }
            return SprigArgs.toInt64(a.get(0)) / y;
        });
        t.put("mod", a -> {
            long y = SprigArgs.toInt64(a.get(1));
            if (y == 0) {
                throw new EvalError("integer divide by zero");
            }
            return SprigArgs.toInt64(a.get(0)) % y;
        });
        t.put("max", a -> a.stream().mapToLong(SprigArgs::toInt64).max().orElse(0));
        t.put("min", a -> a.stream().mapToLong(SprigArgs::toInt64).min().orElse(0));
        t.put("floor", a -> Math.floor(SprigArgs.toFloat64(a.get(0))));
        t.put("ceil", a -> Math.ceil(SprigArgs.toFloat64(a.get(0))));
        t.put("int", a -> SprigArgs.toInt64(a.get(0)));
        t.put("int64", a -> SprigArgs.toInt64(a.get(0)));
        t.put("float64", a -> SprigArgs.toFloat64(a.get(0)));
        t.put("atoi", a -> {
            String s = SprigArgs.str("atoi", a, 1, 0);
            try {
                return s.matches("[+-]?\\d+") ? Long.parseLong(s) : 0L;
            } catch (NumberFormatException e) {
                return 0L;
            }
        });
        t.put("b64enc", a -> Base64.getEncoder().encodeToString(SprigArgs.strval(a.get(0)).getBytes(StandardCharsets.UTF_8)));
        t.put("b64dec", a -> {
            try {
                return new String(Base64.getDecoder().decode(SprigArgs.strval(a.get(0))), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "illegal base64 data: " + e.getMessage();
            }
        });
        t.put("toJson", a -> GoJson.marshal(a.get(0)));
        t.put("toPrettyJson", a -> GoJson.marshalIndent(a.get(0), "  "));
        t.put("fromJson", a -> {
            try {
                return Values.fromJson(SprigArgs.str("fromJson", a, 1, 0));
            } catch (ExpressionException e) {
                return null;
            }
        });
        t.put("regexMatch", a -> {
            String s = SprigArgs.str("regexMatch", a, 2, 1);
            try {
                return Regexes.find(SprigArgs.asString(a.get(0)), s);
            } catch (EvalError e) {
                return false;
            }
        });
        t.put("regexFind", a -> {
            Matcher m = Regexes.compile(SprigArgs.str("regexFind", a, 2, 0)).matcher(SprigArgs.asString(a.get(1)));
            return m.find() ? m.group() : "";
        });
        t.put("regexFindAll", a -> {
            SprigArgs.arity("regexFindAll", a, 3);
            Matcher m = Regexes.compile(SprigArgs.asString(a.get(0))).matcher(SprigArgs.asString(a.get(1)));
            long n = SprigArgs.integer(a.get(2));
            List<Object> out = new ArrayList<>();
            while ((n < 0 || out.size() < n) && m.find()) {
                out.add(m.group());
            }
            return out;
        });
        t.put("regexReplaceAll", a -> {
            SprigArgs.arity("regexReplaceAll", a, 3);
            String repl = SprigArgs.asString(a.get(2)).replaceAll("\\$\\{(\\d+)}", "\\$$1");
            return Regexes.compile(SprigArgs.asString(a.get(0))).matcher(SprigArgs.asString(a.get(1))).replaceAll(repl);
        });
        t.put("regexReplaceAllLiteral", a -> {
            SprigArgs.arity("regexReplaceAllLiteral", a, 3);
            return Regexes.compile(SprigArgs.asString(a.get(0))).matcher(SprigArgs.asString(a.get(1)))
                .replaceAll(Matcher.quoteReplacement(SprigArgs.asString(a.get(2))));
        });
    }
}
