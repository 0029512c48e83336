package dev.skiff.engine.expr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Go's {@code strings} package behaviours that Java's String methods do not share. */
final class GoStrings {
    private GoStrings() {
    }

    /** Go's {@code unicode.IsSpace}. */
    static boolean isSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> c > 0xFF && Character.isSpaceChar(c);
        };
    }

    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    static String trim(String s, String cutset) {
        return trimRight(trimLeft(s, cutset), cutset);
    }

    static String trimLeft(String s, String cutset) {
        int start = 0;
        while (start < s.length() && cutset.indexOf(s.codePointAt(start)) >= 0) {
            start += Character.charCount(s.codePointAt(start));
        }
        return s.substring(start);
    }

    static String trimRight(String s, String cutset) {
        int end = s.length();
        while (end > 0 && cutset.indexOf(s.codePointBefore(end)) >= 0) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(0, end);
    }

    /** Per-rune simple case mapping, as Go's {@code strings.ToUpper}. */
    static String upper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.toUpperCase(c)));
        return sb.toString();
    }

    static String lower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.toLowerCase(c)));
        return sb.toString();
    }

    /** Converts a char index to Go's byte offset; -1 stays -1. */
    static long byteIndex(String s, int charIndex) {
        if (charIndex < 0) {
            return -1;
        }
        return s.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Go's {@code strings.Replace(s, old, new, n)}; n < 0 means all. */
    static String replace(String s, String old, String nw, long n) {
        if (n == 0 || old.equals(nw)) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        long done = 0;
        int i = 0;
        if (old.isEmpty()) {
            while (n < 0 || done < n) {
                sb.append(nw);
                done++;
                if (i >= s.length()) {
                    return sb.toString();
                }
                int cp = s.codePointAt(i);
                sb.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            return sb.append(s, i, s.length()).toString();
        }
        while (n < 0 || done < n) {
            int j = s.indexOf(old, i);
            if (j < 0) {
                break;
            }
            sb.append(s, i, j).append(nw);
            i = j + old.length();
            done++;
        }
        return sb.append(s, i, s.length()).toString();
    }

    /** Go's {@code strings.SplitN} / {@code SplitAfterN}; n < 0 means all, n == 0 an empty list. */
    static List<Object> split(String s, String sep, boolean after, long n) {
        List<Object> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        if (sep.isEmpty()) {
            int i = 0;
            while (i < s.length()) {
                if (n > 0 && out.size() == n - 1) {
                    out.add(s.substring(i));
                    return out;
                }
                int cp = s.codePointAt(i);
                out.add(new String(Character.toChars(cp)));
                i += Character.charCount(cp);
            }
            return out;
        }
        int i = 0;
        while (n < 0 || out.size() < n - 1) {
            int j = s.indexOf(sep, i);
            if (j < 0) {
                break;
            }
            out.add(s.substring(i, after ? j + sep.length() : j));
            i = j + sep.length();
        }
        out.add(s.substring(i));
        return out;
    }
}
