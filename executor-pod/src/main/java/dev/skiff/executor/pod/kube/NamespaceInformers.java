package dev.skiff.executor.pod.kube;

import dev.skiff.executor.pod.build.ArgoNames;
import dev.skiff.executor.pod.json.JsonTree;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.impl.DefaultSharedIndexInformer;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.Map;
import java.util.Optional;

/**
 * The two informers of one (cluster, namespace) in use, as Argo's controller keeps them: pods labelled with a
 * workflow and {@code completed=false}, and WorkflowTaskResults labelled with a workflow, both restricted to
 * the controller's instance id (or to objects without one). Each runs list + watch from the last resource
 * version and lists again when the server says it is gone (410).
 */
public final class NamespaceInformers implements AutoCloseable {

    private final SharedIndexInformer<DynamicKubernetesObject> pods;
    private final SharedIndexInformer<DynamicKubernetesObject> results;
    private final String namespace;

    public NamespaceInformers(KubeApi api, String namespace, String instanceId, NamespaceEvents events) {
        this.namespace = namespace;
        String instance = instanceId.isEmpty() ? "!" + ArgoNames.LABEL_INSTANCE_ID
                : ArgoNames.LABEL_INSTANCE_ID + "=" + instanceId;
        String podSelector = ArgoNames.LABEL_WORKFLOW + "," + ArgoNames.LABEL_COMPLETED + "=false," + instance;
        String resultSelector = ArgoNames.LABEL_WORKFLOW + "," + instance;
        this.pods = informer(new LabelSelectedSource(api, KubeApi.collection("v1", namespace, "pods"), podSelector),
                "pods", events);
        this.results = informer(new LabelSelectedSource(api, KubeApi.collection(ArgoNames.GROUP_VERSION, namespace,
                "workflowtaskresults"), resultSelector), "workflowtaskresults", events);
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(DynamicKubernetesObject obj) {
                events.podChanged(tree(obj));
            }

            @Override
            public void onUpdate(DynamicKubernetesObject oldObj, DynamicKubernetesObject newObj) {
                events.podChanged(tree(newObj));
            }

            @Override
            public void onDelete(DynamicKubernetesObject obj, boolean finalStateUnknown) {
                events.podGone(tree(obj));
            }
        });
        results.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(DynamicKubernetesObject obj) {
                events.taskResultChanged(tree(obj));
            }

            @Override
            public void onUpdate(DynamicKubernetesObject oldObj, DynamicKubernetesObject newObj) {
                events.taskResultChanged(tree(newObj));
            }

            @Override
            public void onDelete(DynamicKubernetesObject obj, boolean finalStateUnknown) {
                // a task result only goes away with its workflow; nothing to tell
            }
        });
        start(pods, "pods");
        start(results, "workflowtaskresults");
    }

    public boolean hasSynced() {
        return pods.hasSynced() && results.hasSynced();
    }

    /** For each informer: synced or not, the objects it holds, the resourceVersion it has reached. */
    public String describe() {
        return "pods " + describe(pods) + ", workflowtaskresults " + describe(results);
    }

    private static String describe(SharedIndexInformer<DynamicKubernetesObject> informer) {
        return "(" + (informer.hasSynced() ? "synced" : "not synced") + ", " + informer.getIndexer().list().size()
                + " held, at resourceVersion " + informer.lastSyncResourceVersion() + ")";
    }

    public Optional<Map<String, Object>> pod(String name) {
        return Optional.ofNullable(pods.getIndexer().getByKey(namespace + "/" + name)).map(NamespaceInformers::tree);
    }

    public Optional<Map<String, Object>> taskResult(String nodeId) {
        return Optional.ofNullable(results.getIndexer().getByKey(namespace + "/" + nodeId)).map(NamespaceInformers::tree);
    }

    @Override
    public void close() {
        pods.stop();
        results.stop();
    }

    private SharedIndexInformer<DynamicKubernetesObject> informer(LabelSelectedSource source, String what,
                                                                 NamespaceEvents events) {
        DefaultSharedIndexInformer<DynamicKubernetesObject, DynamicKubernetesListObject> informer =
                new DefaultSharedIndexInformer<>(DynamicKubernetesObject.class, source, 0L,
                        new io.kubernetes.client.informer.cache.Cache<>(), (type, error) -> {
                            if (error instanceof ApiException e) {
                                events.listFailed(what, new ApiFailure(e.getCode(), "", e.getMessage()));
                            } else {
                                events.informerFailed(what, error);
                            }
                        });
        informer.setTransform(obj -> {
            if (obj instanceof DynamicKubernetesObject d && d.getRaw().has("metadata")) {
                d.getRaw().getAsJsonObject("metadata").remove("managedFields");
            }
            return obj;
        });
        return informer;
    }

    private void start(SharedIndexInformer<DynamicKubernetesObject> informer, String what) {
        Thread thread = new Thread(informer::run, "skiff-pod-informer-" + what + "-" + namespace);
        thread.setDaemon(true);
        thread.start();
    }

    private static Map<String, Object> tree(DynamicKubernetesObject obj) {
        return JsonTree.copyObject(JsonTree.fromGson(obj.getRaw()));
    }
}
