package dev.skiff.executor.pod.build;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's {@code path/filepath} for Linux paths: Clean, Join, and Rel's "is it within" test. */
final class GoPath {

    private GoPath() {
    }

    /** Go's filepath.Clean. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Go's filepath.Join. */
    static String join(String first, String second) {
        if (first.isEmpty()) {
            return clean(second);
        }
        if (second.isEmpty()) {
            return clean(first);
        }
        return clean(first + "/" + second);
    }

    /** Whether {@code target} is {@code base} or below it (filepath.Rel does not start with ".."). */
    static boolean within(String base, String target) {
        String b = clean(base);
        String t = clean(target);
        return t.equals(b) || b.equals("/") || t.startsWith(b + "/");
    }
}
