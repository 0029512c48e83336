package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.JsonTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secrets an artifact location names (access keys, passwords, ...), as secret volumes mounted read-only at
 * {@code /argo/secret/<secret>} into {@code init} and {@code wait} (Argo's createSecretVolumesAndMounts). Argo
 * collects them in a Go map, so its order varies; here they keep the order of first mention.
 */
final class ArtifactSecrets {

    /** Where secret selectors sit in each kind of location, in the order Argo checks the kinds. */
    private static final List<Map.Entry<String, List<List<String>>>> SELECTORS = List.of(
            Map.entry("s3", List.of(p("accessKeySecret"), p("secretKeySecret"), p("sessionTokenSecret"),
                    p("encryptionOptions", "serverSideCustomerKeySecret"), p("caSecret"))),
            Map.entry("git", List.of(p("usernameSecret"), p("passwordSecret"), p("sshPrivateKeySecret"))),
            Map.entry("artifactory", List.of(p("usernameSecret"), p("passwordSecret"))),
            Map.entry("hdfs", List.of(p("krbCCacheSecret"), p("krbKeytabSecret"))),
            Map.entry("oss", List.of(p("accessKeySecret"), p("secretKeySecret"))),
            Map.entry("gcs", List.of(p("serviceAccountKeySecret"))),
            Map.entry("http", List.of(p("auth", "basicAuth", "usernameSecret"), p("auth", "basicAuth", "passwordSecret"),
                    p("auth", "clientCert", "clientCertSecret"), p("auth", "clientCert", "clientKeySecret"),
                    p("auth", "oauth2", "clientIDSecret"), p("auth", "oauth2", "clientSecretSecret"),
                    p("auth", "oauth2", "tokenURLSecret"))),
            Map.entry("azure", List.of(p("accountKeySecret"))));

    private final Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
    private final Set<String> keys = new LinkedHashSet<>();

    private ArtifactSecrets() {
    }

    /** The secret volumes and mounts of the template's archive location, outputs, inputs and data source. */
    static ArtifactSecrets of(Map<String, Object> template) {
        ArtifactSecrets secrets = new ArtifactSecrets();
        Object archive = template.get("archiveLocation");
        if (archive != null) {
            secrets.addLocation(JsonTree.object(archive));
        }
        PodTemplate.objects(JsonTree.object(template.get("outputs")).get("artifacts")).forEach(secrets::addLocation);
        PodTemplate.objects(JsonTree.object(template.get("inputs")).get("artifacts")).forEach(secrets::addLocation);
        Object paths = JsonTree.at(template, "data", "source", "artifactPaths");
        if (paths instanceof Map<?, ?>) {
            secrets.addLocation(JsonTree.object(paths));
        }
        return secrets;
    }

    List<Map<String, Object>> volumes() {
        return new ArrayList<>(volumes.values());
    }

    List<Map<String, Object>> mounts() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> volume : volumes.values()) {
            String name = JsonTree.text(volume.get("name"));
            Map<String, Object> mount = ContainerFields.mount(name, ArgoNames.SECRET_DIR + "/" + name);
            mount.put("readOnly", true);
            out.add(mount);
        }
        return out;
    }

    private void addLocation(Map<String, Object> location) {
        for (Map.Entry<String, List<List<String>>> kind : SELECTORS) {
            Object at = location.get(kind.getKey());
            if (!(at instanceof Map<?, ?>)) {
                continue;
            }
            if (kind.getKey().equals("http") && JsonTree.at(at, "auth") == null) {
                continue;
            }
            for (List<String> path : kind.getValue()) {
                if (kind.getKey().equals("s3") && path.get(0).equals("encryptionOptions")
                        && !JsonTree.bool(JsonTree.at(at, "encryptionOptions", "enableEncryption")).orElse(false)) {
                    continue;
                }
                addSelector(JsonTree.object(JsonTree.at(at, path.toArray(String[]::new))));
            }
            return;
        }
    }

    private void addSelector(Map<String, Object> selector) {
        String name = JsonTree.text(selector.get("name"));
        String key = JsonTree.text(selector.get("key"));
        if (name.isEmpty() || key.isEmpty()) {
            return;
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("key", key);
        item.put("path", key);
        Map<String, Object> volume = volumes.get(name);
        if (volume == null) {
            Map<String, Object> secret = new LinkedHashMap<>();
            secret.put("secretName", name);
            secret.put("items", new ArrayList<>(List.of(item)));
            volume = new LinkedHashMap<>();
            volume.put("name", name);
            volume.put("secret", secret);
            volumes.put(name, volume);
            keys.add(name + "-" + key);
        } else if (keys.add(name + "-" + key)) {
            ContainerFields.mutableList(ContainerFields.mutableObject(volume, "secret"), "items").add(item);
        }
    }

    private static List<String> p(String... path) {
        return List.of(path);
    }
}
