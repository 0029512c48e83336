package dev.skiff.engine.expr;

/** Go string semantics that differ from Java's: byte-order comparison and rune counts. */
final class Strings {
    private Strings() {
    }

    /** Compares like Go (UTF-8 byte order, which equals code point order). */
    static int compareBytes(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return x < y ? -1 : 1;
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        int ra = a.length() - i;
        int rb = b.length() - j;
        return ra == rb ? 0 : ra < rb ? -1 : 1;
    }

    static long runeCount(String s) {
        return s.codePointCount(0, s.length());
    }
}
