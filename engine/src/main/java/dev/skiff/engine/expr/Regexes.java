package dev.skiff.engine.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles Go (RE2) regular expressions with java.util.regex, cached; covers the syntax both share. */
final class Regexes {
    private static final int MAX = 512;
    private static final Map<String, Pattern> CACHE = Collections.synchronizedMap(
        new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
                return size() > MAX;
            }
        });

    private Regexes() {
    }

    static Pattern compile(String regex) {
        Pattern p = CACHE.get(regex);
        if (p == null) {
            try {
                p = Pattern.compile(translate(regex));
            } catch (PatternSyntaxException e) {
                throw new EvalError("error parsing regexp: " + e.getDescription() + ": `" + regex + "`");
            }
            CACHE.put(regex, p);
        }
        return p;
    }

    /** Go's {@code regexp.MatchString}: an unanchored search. */
    static boolean find(String regex, String s) {
        return compile(regex).matcher(s).find();
    }

    /** Rewrites the RE2 spellings Java lacks: named groups {@code (?P<name>...)}. */
    private static String translate(String regex) {
        return regex.replace("(?P<", "(?<");
    }
}
