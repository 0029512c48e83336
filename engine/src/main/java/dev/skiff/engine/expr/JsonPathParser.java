package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the JSONPath subset Skiff supports into steps. */
final class JsonPathParser {
    private static final Pattern FILTER = Pattern.compile(
        "\\?\\(\\s*@((?:\\.[A-Za-z0-9_-]+)*)\\s*(?:(==|!=|<=|>=|<|>)\\s*(.+?))?\\s*\\)");

    private JsonPathParser() {
    }

    static List<JsonPathStep> parse(String path) {
        if (!path.startsWith("$")) {
            throw new EvalError("invalid JSONPath selector '" + path + "' unexpected token '"
                + (path.isEmpty() ? "" : path.substring(0, 1)) + "' at index 0");
        }
        List<JsonPathStep> steps = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.' && i + 1 < path.length() && path.charAt(i + 1) == '.') {
                steps.add(new JsonPathStep.Recursive());
                i += 2;
                if (i < path.length() && path.charAt(i) != '[') {
                    i = name(path, i, steps);
                }
            } else if (c == '.') {
                i = name(path, i + 1, steps);
            } else if (c == '[') {
                int close = closing(path, i);
                steps.add(bracket(path.substring(i + 1, close).trim(), path));
                i = close + 1;
            } else {
                throw new EvalError("invalid JSONPath selector '" + path + "' unexpected token '" + c + "' at index " + i);
            }
        }
        return steps;
    }

    private static int name(String path, int i, List<JsonPathStep> steps) {
        int j = i;
        while (j < path.length() && path.charAt(j) != '.' && path.charAt(j) != '[') {
            j++;
        }
        String name = path.substring(i, j);
        if (name.isEmpty()) {
            throw new EvalError("invalid JSONPath selector '" + path + "': empty name at index " + i);
        }
        steps.add(name.equals("*") ? new JsonPathStep.Wildcard() : new JsonPathStep.Key(name));
        return j;
    }

    private static int closing(String path, int open) {
        char quote = 0;
        int depth = 0;
        for (int i = open; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
                if (depth == 0 && c == ']') {
                    return i;
                }
            }
        }
        throw new EvalError("invalid JSONPath selector '" + path + "': unclosed bracket");
    }

    private static JsonPathStep bracket(String body, String path) {
        if (body.equals("*")) {
            return new JsonPathStep.Wildcard();
        }
        Matcher f = FILTER.matcher(body);
        if (f.matches()) {
            List<String> field = f.group(1).isEmpty() ? List.of() : Arrays.asList(f.group(1).substring(1).split("\\."));
            return new JsonPathStep.Filter(field, f.group(2), f.group(3) == null ? null : literal(f.group(3).trim(), path));
        }
        if (body.contains(":")) {
            String[] p = body.split(":", -1);
            return new JsonPathStep.Slice(optionalLong(p[0], path), optionalLong(p[1], path),
                p.length > 2 && !p[2].isBlank() ? parseLong(p[2], path) : 1);
        }
        List<Object> keys = new ArrayList<>();
        for (String part : body.split(",")) {
            Object k = literal(part.trim(), path);
            if (!(k instanceof String) && !(k instanceof Long)) {
                throw new EvalError("invalid JSONPath selector '" + path + "': bad subscript [" + body + "]");
            }
            keys.add(k);
        }
        if (keys.size() == 1) {
            return keys.get(0) instanceof Long l ? new JsonPathStep.Index(l) : new JsonPathStep.Key((String) keys.get(0));
        }
        return new JsonPathStep.Union(keys);
    }

    private static Object literal(String s, String path) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        switch (s) {
            case "true" -> {
                return true;
            }
            case "false" -> {
                return false;
            }
            case "null" -> {
                return null;
            }
            default -> {
                if (s.matches("-?\\d+")) {
                    return parseLong(s, path);
                }
                return ConversionBuiltins.parseGoFloat(s).orElseThrow(
                    () -> new EvalError("invalid JSONPath selector '" + path + "': bad literal " + s));
            }
        }
    }

    private static Long optionalLong(String s, String path) {
        return s.isBlank() ? null : parseLong(s.trim(), path);
    }

    private static long parseLong(String s, String path) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new EvalError("invalid JSONPath selector '" + path + "': bad number " + s);
        }
    }
}
