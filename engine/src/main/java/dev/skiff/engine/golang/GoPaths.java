package dev.skiff.engine.golang;

import java.util.ArrayDeque;
import java.util.Deque;

/** Slash-separated paths as Go's {@code path/filepath} treats them on Linux. */
public final class GoPaths {

    private GoPaths() {
    }

    /**
     * {@code filepath.Clean}: one slash between elements, no {@code .} elements, each {@code ..} removing the
     * element before it ({@code ..} at the root is dropped); {@code "."} for an empty result.
     */
    public static String clean(String path) {
        boolean rooted = path.startsWith("/");
        Deque<String> kept = new ArrayDeque<>();
        for (String element : path.split("/")) {
            if (element.isEmpty() || element.equals(".")) {
                continue;
            }
            if (!element.equals("..")) {
                kept.addLast(element);
            } else if (!kept.isEmpty() && !kept.peekLast().equals("..")) {
                kept.removeLast();
            } else if (!rooted) {
                kept.addLast("..");
            }
        }
        String joined = String.join("/", kept);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** {@code filepath.Join}: the non-empty elements joined by slashes and cleaned; "" when all are empty. */
    public static String join(String... elements) {
        StringBuilder joined = new StringBuilder();
        for (String element : elements) {
            if (element.isEmpty()) {
                continue;
            }
            if (!joined.isEmpty()) {
                joined.append('/');
            }
            joined.append(element);
        }
        return joined.isEmpty() ? "" : clean(joined.toString());
    }

    /**
     * Whether {@code target} is {@code base} itself or lies below it, as {@code filepath.Rel(base, target)}
     * succeeding without leaving {@code base} decides it (an absolute and a relative path never relate).
     */
    public static boolean within(String base, String target) {
        if (base.startsWith("/") != target.startsWith("/")) {
            return false;
        }
        String b = clean(base);
        String t = clean(target);
        if (b.equals("/") || t.equals(b)) {
            return true;
        }
        if (b.equals(".")) {
            return !t.equals("..") && !t.startsWith("../");
        }
        return t.startsWith(b + "/");
    }
}
