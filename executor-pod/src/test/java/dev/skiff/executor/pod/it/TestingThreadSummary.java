package dev.skiff.executor.pod.it;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the threads of a name prefix are doing, grouped: how many are in each state at each top frames (a stuck
 * writer shows as a group blocked in a socket read or a sleep). For a test that times out.
 */
final class TestingThreadSummary {

    private static final int FRAMES = 4;

    private TestingThreadSummary() {
    }

    static String of(List<String> prefixes) {
        Map<String, Integer> groups = new TreeMap<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            String name = e.getKey().getName();
            String prefix = prefixes.stream().filter(name::startsWith).findFirst().orElse(null);
            if (prefix == null) {
                continue;
            }
            String top = Arrays.stream(e.getValue()).limit(FRAMES).map(StackTraceElement::toString)
                    .collect(Collectors.joining(" < "));
            groups.merge(prefix + "* " + e.getKey().getState() + " at " + top, 1, Integer::sum);
        }
        return groups.entrySet().stream().map(g -> g.getValue() + " x " + g.getKey())
                .collect(Collectors.joining("\n  ", "  ", ""));
    }
}
