package dev.skiff.executor.pod.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The entrypoints of images whose templates give no {@code command} (Argo's controller config {@code images},
 * same format: {@code <image>: {entrypoint: [...], cmd: [...]}}). Argo also asks the image registry; Skiff does
 * not, so an image missing here fails its node with Argo's look-up message.
 */
public final class ImageIndex {

    /** An image's {@code ENTRYPOINT} and {@code CMD}. */
    public record Entry(List<String> entrypoint, List<String> cmd) {
        public Entry {
            entrypoint = List.copyOf(entrypoint);
            cmd = List.copyOf(cmd);
        }
    }

    public static final ImageIndex EMPTY = new ImageIndex(Map.of());

    private final Map<String, Entry> entries;

    private ImageIndex(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static ImageIndex of(Map<String, Entry> entries) {
        return new ImageIndex(entries);
    }

    /** Parses Argo's {@code images} YAML; throws {@link IllegalArgumentException} naming what is wrong. */
    public static ImageIndex parse(String yaml) {
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("images: not valid YAML (" + firstLine(e.getMessage()) + ")");
        }
        if (tree == null) {
            return EMPTY;
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("images: expected a map of image name to {entrypoint, cmd}");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String image = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> fields)) {
                throw new IllegalArgumentException("images." + image + ": expected {entrypoint: [...], cmd: [...]}");
            }
            for (Object key : fields.keySet()) {
                if (!"entrypoint".equals(key) && !"cmd".equals(key)) {
                    throw new IllegalArgumentException("images." + image + ": unknown key '" + key
                            + "' (known: entrypoint, cmd)");
                }
            }
            entries.put(image, new Entry(strings(image, "entrypoint", fields.get("entrypoint")),
                    strings(image, "cmd", fields.get("cmd"))));
        }
        return new ImageIndex(entries);
    }

    public Optional<Entry> lookup(String image) {
        return Optional.ofNullable(entries.get(image));
    }

    private static List<String> strings(String image, String field, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("images." + image + "." + field + ": expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
