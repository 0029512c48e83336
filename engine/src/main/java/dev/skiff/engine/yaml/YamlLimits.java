package dev.skiff.engine.yaml;

/**
 * Bounds on what {@link YamlReader} reads, so that hostile or broken input fails fast with a message
 * instead of eating minutes and gigabytes.
 *
 * @param maxChars      the longest text read, in characters; also SnakeYAML's code-point limit
 * @param maxAliasNodes how many nodes aliases may add in one text, in all (alias bombs, "billion laughs")
 * @param maxDepth      how deep collections may nest
 */
public record YamlLimits(int maxChars, long maxAliasNodes, int maxDepth) {

    /**
     * 3 MiB of text (SnakeYAML's own default limit; Kubernetes stores objects of at most about 1.5 MiB), 100,000
     * nodes from aliases (Go's YAML, which Argo uses, allows about 400,000 alias-made values), 1,000 levels
     * (Jackson's default nesting limit).
     */
    public static final YamlLimits DEFAULT = new YamlLimits(3 * 1024 * 1024, 100_000, 1_000);

    public YamlLimits {
        if (maxChars <= 0 || maxAliasNodes < 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("YAML limits must be positive");
        }
    }
}
