package dev.skiff.executor.pod;

import dev.skiff.executor.pod.build.ImageIndex;
import dev.skiff.executor.pod.build.PodSettings;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pod executor's settings (config keys, all optional).
 *
 * @param pods  what goes into every pod: executor image, its pull policy, instance id, image index
 * @param qps   writes per second to each cluster (client-go's QPS; Argo's default 20)
 * @param burst writes allowed at once above that rate (Argo's default 30)
 */
record PodExecutorConfig(PodSettings pods, double qps, int burst) {

    static final Set<String> KEYS = Set.of("image", "imagePullPolicy", "instanceId", "images", "qps", "burst");

    static PodExecutorConfig parse(Map<String, String> config) {
        for (String key : config.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown pod executor setting '" + key + "' (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String image = config.getOrDefault("image", PodSettings.DEFAULT_EXECUTOR_IMAGE).strip();
        if (image.isEmpty()) {
            throw new IllegalArgumentException("image: must name the executor image (default "
                    + PodSettings.DEFAULT_EXECUTOR_IMAGE + ")");
        }
        String policy = config.getOrDefault("imagePullPolicy", "").strip();
        if (!policy.isEmpty() && !Set.of("Always", "IfNotPresent", "Never").contains(policy)) {
            throw new IllegalArgumentException("imagePullPolicy: must be Always, IfNotPresent or Never");
        }
        ImageIndex images = config.containsKey("images") ? ImageIndex.parse(config.get("images")) : ImageIndex.EMPTY;
        double qps = number(config, "qps", 20);
        double burst = number(config, "burst", 30);
        if (qps <= 0 || burst < 1 || burst != Math.floor(burst)) {
            throw new IllegalArgumentException("qps must be above 0 and burst a whole number of at least 1");
        }
        PodSettings pods = new PodSettings(image, policy.isEmpty() ? Optional.empty() : Optional.of(policy),
                config.getOrDefault("instanceId", "").strip(), images);
        return new PodExecutorConfig(pods, qps, (int) burst);
    }

    private static double number(Map<String, String> config, String key, double fallback) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number");
        }
    }
}
