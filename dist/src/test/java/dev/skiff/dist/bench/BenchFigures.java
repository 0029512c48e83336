package dev.skiff.dist.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run, by JSON key ({@code chain_gap_p50_ms}, ...) and by who gave them ({@code skiff},
 * {@code argo}, {@code argo_requeue_1s}, {@code raw}); printed as one table and written as JSON.
 */
final class BenchFigures {

    /** One table row: a JSON key, what it measures, and whether more is better. */
    record Measure(String key, String label, boolean higherIsBetter, String extraColumn, boolean skiffOnly) {

        Measure(String key, String label, boolean higherIsBetter, String extraColumn) {
            this(key, label, higherIsBetter, extraColumn, false);
        }
    }

    static final List<Measure> MEASURES = List.of(
            new Measure("chain_gap_p50_ms", "chain: pod ended -> next pod created, p50 (ms)", false, "argo_requeue_1s"),
            new Measure("chain_gap_p95_ms", "chain: pod ended -> next pod created, p95 (ms)", false, "argo_requeue_1s"),
            new Measure("fanout_pods_per_s", "fan-out: submit -> all pods created (pods/s)", true, "raw"),
            new Measure("fanout_multicluster_pods_per_s", "fan-out across hub, spoke1, spoke2 (pods/s)", true,
                    "single_cluster", true),
            new Measure("throughput_wf_per_min", "one-step workflows at once: until all Succeeded (wf/min)", true, null),
            new Measure("heap_mib_1000_running", "running workflows: live heap after GC (MiB)", false, null),
            new Measure("rss_mib_1000_running", "running workflows: RSS (MiB)", false, null),
            new Measure("cpu_s_1000_running", "running workflows: controller CPU to get there (s)", false, null));

    private final Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
    private final Map<String, Object> about = new LinkedHashMap<>();

    synchronized void put(String key, String who, double value) {
        figures.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(who, value);
    }

    synchronized void about(String key, Object value) {
        about.put(key, value);
    }

    /** The figure, if it was measured. */
    synchronized java.util.Optional<Double> get(String key, String who) {
        return java.util.Optional.ofNullable(figures.getOrDefault(key, Map.of()).get(who));
    }

    synchronized Map<String, Map<String, Double>> figures() {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        figures.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }

    /** The JSON document: every figure under its key, plus {@code run} (sizes, settings, machine). */
    synchronized String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        figures.forEach((key, values) -> {
            ObjectNode node = root.putObject(key);
            values.forEach(node::put);
        });
        root.set("run", mapper.valueToTree(about));
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The table: one row per measure; "Skiff vs Argo" is how many times better Skiff's figure is (Argo / Skiff for
     * times and memory, Skiff / Argo for rates).
     */
    synchronized String table() {
        StringBuilder out = new StringBuilder();
        String format = "%-58s %10s %10s %22s %14s%n";
        out.append(String.format(format, "measure", "Skiff", "Argo", "other", "Skiff vs Argo"));
        for (Measure m : MEASURES) {
            Map<String, Double> values = figures.getOrDefault(m.key(), Map.of());
            Double skiff = values.get("skiff");
            Double argo = values.get("argo");
            String other = m.extraColumn() == null || !values.containsKey(m.extraColumn()) ? ""
                    : m.extraColumn() + " " + number(values.get(m.extraColumn()));
            String factor = skiff == null || argo == null || skiff == 0 || argo == 0 ? ""
                    : String.format("%.1fx", m.higherIsBetter() ? skiff / argo : argo / skiff);
            String argoColumn = m.skiffOnly() ? "n/a" : number(argo);
            out.append(String.format(format, m.label(), number(skiff), argoColumn, other, factor));
        }
        return out.toString();
    }

    private static String number(Double value) {
        if (value == null) {
            return "-";
        }
        return value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
    }
}
