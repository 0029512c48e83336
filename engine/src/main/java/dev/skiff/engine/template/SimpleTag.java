package dev.skiff.engine.template;

/** Resolution of {@code {{name}}} tags, following Argo's {@code simpleReplaceStrict}. */
final class SimpleTag {
    private SimpleTag() {
    }

    static void render(StringBuilder out, String tag, TagScope scope, UnresolvedTags mode) {
        String key = trim(tag);
        if (scope.contains(key)) {
            Object value = scope.flat().get(key);
            if (value == null) {
                throw new TemplateException("unable to substitute {{" + tag
                    + "}}: output is an absent optional (skipped/omitted node with no default)");
            }
            if (!(value instanceof String s)) {
                throw new TemplateException("failed to resolve {{" + tag + "}} to string");
            }
            out.append(s);
            return;
        }
        int nested = tag.lastIndexOf("{{");
        if (nested > 0) {
            String inner = tag.substring(nested + 2);
            if (scope.contains(inner)) {
                Object value = scope.flat().get(inner);
                if (value == null) {
                    throw new TemplateException("unable to substitute nested tag {{" + tag + "}}: \""
                        + inner + "\" is an absent optional");
                }
                if (value instanceof String s) {
                    out.append("{{").append(tag, 0, nested).append(s);
                    return;
                }
            }
        }
        if (mode == UnresolvedTags.FAIL) {
            throw new TemplateException("failed to resolve {{" + tag + "}}");
        }
        out.append("{{").append(tag).append("}}");
    }

    /** Go's {@code strings.TrimSpace}. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> c > 0xFF && Character.isSpaceChar(c);
        };
    }
}
