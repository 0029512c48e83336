package dev.skiff.executor.pod.it;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.executor.pod.kube.KubeApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import okio.BufferedSource;

/** Counts pod creations in a namespace from the API's own watch (ADDED events), independent of the executor. */
final class PodCreations implements AutoCloseable {

    private final List<String> added = new ArrayList<>();
    private final Response response;
    private final Thread reader;

    PodCreations(KubeApi api, String namespace) throws Exception {
        Map<String, Object> list = api.list(KubeApi.collection("v1", namespace, "pods"), Map.of());
        String rv = JsonTree.text(JsonTree.at(list, "metadata", "resourceVersion"));
        response = api.watch(KubeApi.collection("v1", namespace, "pods"), Map.of("watch", "true",
                "resourceVersion", rv));
        reader = new Thread(this::read, "pod-creations");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        BufferedSource source = response.body().source();
        try {
            String line;
            while ((line = source.readUtf8Line()) != null) {
                Object event = GoJson.read(line);
                if ("ADDED".equals(JsonTree.at(event, "type"))) {
                    synchronized (added) {
                        added.add(JsonTree.text(JsonTree.at(event, "object", "metadata", "name")));
                    }
                }
            }
        } catch (Exception closed) {
            // the watch was closed
        }
    }

    /** How many times a pod of this name was created since the watch began. */
    int count(String name) {
        synchronized (added) {
            return (int) added.stream().filter(name::equals).count();
        }
    }

    int total() {
        synchronized (added) {
            return added.size();
        }
    }

    @Override
    public void close() {
        response.close();
    }
}
