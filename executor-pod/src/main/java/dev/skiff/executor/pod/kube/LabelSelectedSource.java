package dev.skiff.executor.pod.kube;

import dev.skiff.executor.pod.json.JsonTree;
import io.kubernetes.client.informer.ListerWatcher;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.CallGeneratorParams;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** List and watch of one resource in one namespace, label-selected, for an informer. */
final class LabelSelectedSource implements ListerWatcher<DynamicKubernetesObject, DynamicKubernetesListObject> {

    private final KubeApi api;
    private final String path;
    private final String selector;

    LabelSelectedSource(KubeApi api, String path, String selector) {
        this.api = api;
        this.path = path;
        this.selector = selector;
    }

    @Override
    public DynamicKubernetesListObject list(CallGeneratorParams params) throws ApiException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("labelSelector", selector);
        if (params.resourceVersion != null && !params.resourceVersion.isEmpty()) {
            query.put("resourceVersion", params.resourceVersion);
        }
        try {
            Map<String, Object> list = api.list(path, query);
            // list items come without kind and apiVersion; the informer reads both from every object
            String kind = JsonTree.text(list.get("kind")).replaceFirst("List$", "");
            for (Object item : JsonTree.list(list.get("items"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) item;
                object.putIfAbsent("kind", kind);
                object.putIfAbsent("apiVersion", list.get("apiVersion"));
            }
            return new DynamicKubernetesListObject(JsonTree.toGson(list).getAsJsonObject());
        } catch (ApiFailure e) {
            throw new ApiException(e.code(), e.getMessage());
        }
    }

    @Override
    public Watchable<DynamicKubernetesObject> watch(CallGeneratorParams params) throws ApiException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("watch", "true");
        query.put("labelSelector", selector);
        if (params.resourceVersion != null && !params.resourceVersion.isEmpty()) {
            query.put("resourceVersion", params.resourceVersion);
        }
        if (params.timeoutSeconds != null) {
            query.put("timeoutSeconds", String.valueOf(params.timeoutSeconds));
        }
        try {
            return new JsonLinesWatch(api.watch(path, query));
        } catch (ApiFailure e) {
            throw new ApiException(e.code(), e.getMessage());
        }
    }
}
