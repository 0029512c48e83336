package dev.skiff.engine.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Substitutes Argo template tags: {@code {{name}}} from the scope's flat map (surrounding blanks
 * trimmed) and {@code {{=expr}}} evaluated as expr-lang against the expanded scope. A tag ends at the
 * first {@code }}}, as in Argo (so an expression cannot contain {@code }}}); a {@code {{} without a
 * closing {@code }}} is an error. Strings are written raw, other expression results as JSON.
 */
public final class TagRenderer {
    private TagRenderer() {
    }

    /** Renders {@code text}; throws TemplateException naming the tag that could not be resolved. */
    public static String render(String text, TagScope scope, UnresolvedTags mode) {
        int open = text.indexOf("{{");
        if (open < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        int pos = 0;
        while (open >= 0) {
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new TemplateException("cannot find end tag \"}}\" in the template starting from "
                    + quote(text.substring(open)));
            }
            out.append(text, pos, open);
            String tag = text.substring(open + 2, close);
            if (tag.startsWith("=")) {
                ExpressionTag.render(out, tag, scope, mode);
            } else {
                SimpleTag.render(out, tag, scope, mode);
            }
            pos = close + 2;
            open = text.indexOf("{{", pos);
        }
        return out.append(text, pos, text.length()).toString();
    }

    /** Names used in simple tags (trimmed), in order of appearance, for lint. */
    public static List<String> simpleTags(String text) {
        List<String> out = new ArrayList<>();
        for (String tag : tags(text)) {
            if (!tag.startsWith("=")) {
                out.add(SimpleTag.trim(tag));
            }
        }
        return out;
    }

    /** Simple tags exactly as written between the braces (blanks kept), in order of appearance, for lint. */
    public static List<String> simpleTagsAsWritten(String text) {
        List<String> out = new ArrayList<>();
        for (String tag : tags(text)) {
            if (!tag.startsWith("=")) {
                out.add(tag);
            }
        }
        return out;
    }

    /** Sources of {@code {{= ...}}} tags (without the {@code =}), in order of appearance, for lint. */
    public static List<String> expressionTags(String text) {
        List<String> out = new ArrayList<>();
        for (String tag : tags(text)) {
            if (tag.startsWith("=")) {
                out.add(tag.substring(1));
            }
        }
        return out;
    }

    private static List<String> tags(String text) {
        List<String> out = new ArrayList<>();
        int open = text.indexOf("{{");
        while (open >= 0) {
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new TemplateException("cannot find end tag \"}}\" in the template starting from "
                    + quote(text.substring(open)));
            }
            out.add(text.substring(open + 2, close));
            open = text.indexOf("{{", close + 2);
        }
        return out;
    }

    static String quote(String s) {
        String cut = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        return "\"" + cut.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
