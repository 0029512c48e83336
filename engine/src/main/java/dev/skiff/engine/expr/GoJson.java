package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Writes values as Go's encoding/json does: sorted map keys, Go float format, HTML-safe escaping. */
final class GoJson {
    private final StringBuilder out = new StringBuilder();
    private final String indent;
    private int depth;

    private GoJson(String indent) {
        this.indent = indent;
    }

    /** {@code json.Marshal}. */
    static String marshal(Object value) {
        GoJson w = new GoJson(null);
        w.write(value);
        return w.out.toString();
    }

    /** {@code json.MarshalIndent(v, "", indent)}. */
    static String marshalIndent(Object value, String indent) {
        GoJson w = new GoJson(indent);
        w.write(value);
        return w.out.toString();
    }

    private void write(Object v) {
        switch (v) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case Double d -> out.append(GoFloat.formatJson(d));
            case String s -> string(out, s);
            case List<?> list -> list(list);
            case Map<?, ?> map -> map(map);
            default -> throw new ExpressionException("json: unsupported type: " + Values.typeName(v));
        }
    }

    private void list(List<?> list) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        depth++;
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            newline();
            write(list.get(i));
        }
        depth--;
        newline();
        out.append(']');
    }

    private void map(Map<?, ?> map) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
            keys.add(String.valueOf(k));
        }
        Collections.sort(keys);
        out.append('{');
        depth++;
        boolean first = true;
        for (String k : keys) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline();
            string(out, k);
            out.append(indent == null ? ":" : ": ");
            write(map.get(k));
        }
        depth--;
        newline();
        out.append('}');
    }

    private void newline() {
        if (indent != null) {
            out.append('\n').append(indent.repeat(depth));
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A Go JSON string literal with HTML escaping; lone surrogates become U+FFFD as Go does for bad UTF-8. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append("\\u00").append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                        if (c >= 0x2000) {
                            out.setLength(out.length() - 6);
                            out.append("\\u").append(Integer.toHexString(c));
                        }
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            out.append("\\ufffd");
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
