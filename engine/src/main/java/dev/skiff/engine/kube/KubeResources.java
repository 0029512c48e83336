package dev.skiff.engine.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * One kind of namespaced resource on one API server ({@code workflows.argoproj.io}, {@code pods}):
 * get, list, create, merge patch, delete and watch, with objects as Jackson trees.
 *
 * @param rest   the server
 * @param prefix the API group's path: {@code api/v1} or {@code apis/<group>/<version>}
 * @param plural the resource's plural name
 */
public record KubeResources(KubeRest rest, String prefix, String plural) {

    private static final int PAGE = 500;

    /** {@code workflows.argoproj.io/v1alpha1}. */
    public static KubeResources workflows(KubeRest rest) {
        return new KubeResources(rest, "apis/argoproj.io/v1alpha1", "workflows");
    }

    /** Core {@code v1} pods. */
    public static KubeResources pods(KubeRest rest) {
        return new KubeResources(rest, "api/v1", "pods");
    }

    /** A list's items and the resource version to watch from. */
    public record Listing(List<ObjectNode> items, String resourceVersion) {
        public Listing {
            items = List.copyOf(items);
        }
    }

    /** The collection in {@code namespace}; all namespaces when it is "". */
    public HttpUrl.Builder collection(String namespace) {
        return rest.url(namespace.isEmpty() ? prefix + "/" + plural
                : prefix + "/namespaces/" + namespace + "/" + plural);
    }

    public HttpUrl.Builder object(String namespace, String name) {
        return collection(namespace).addPathSegment(name);
    }

    /**
     * The object, or empty when there is none of that name.
     *
     * @throws KubeApiException for any other failure, including a 404 because the resource type
     *                          itself is unknown to the server (a CRD not installed)
     */
    public Optional<ObjectNode> get(String namespace, String name) {
        try {
            return Optional.of(rest.get(object(namespace, name).build()));
        } catch (KubeApiException e) {
            if (e.isObjectNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every object matching the selectors ("" for none), read in pages. */
    public Listing list(String namespace, String labelSelector, String fieldSelector) {
        List<ObjectNode> items = new ArrayList<>();
        String next = "";
        String version;
        do {
            HttpUrl.Builder url = collection(namespace).addQueryParameter("limit", Integer.toString(PAGE));
            if (!labelSelector.isEmpty()) {
                url.addQueryParameter("labelSelector", labelSelector);
            }
            if (!fieldSelector.isEmpty()) {
                url.addQueryParameter("fieldSelector", fieldSelector);
            }
            if (!next.isEmpty()) {
                url.addQueryParameter("continue", next);
            }
            ObjectNode page = rest.get(url.build());
            for (JsonNode item : page.path("items")) {
                if (item instanceof ObjectNode o) {
                    items.add(o);
                }
            }
            next = page.path("metadata").path("continue").asText("");
            version = page.path("metadata").path("resourceVersion").asText("");
        } while (!next.isEmpty());
        return new Listing(items, version);
    }

    public ObjectNode create(String namespace, ObjectNode object) {
        return rest.post(collection(namespace).build(), object);
    }

    /** A JSON merge patch; with {@code metadata.resourceVersion} in it, a conflict is a 409. */
    public ObjectNode mergePatch(String namespace, String name, ObjectNode patch) {
        return rest.mergePatch(object(namespace, name).build(), patch);
    }

    /** Deletes the object (background propagation: dependents go with it); false when there was none. */
    public boolean delete(String namespace, String name) {
        try {
            rest.delete(object(namespace, name).build());
            return true;
        } catch (KubeApiException e) {
            if (e.isObjectNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Watches from {@code resourceVersion} (bookmarks on); the server ends the stream after
     * {@code timeoutSeconds}.
     */
    public WatchStream watch(String namespace, String labelSelector, String fieldSelector, String resourceVersion,
            int timeoutSeconds) {
        HttpUrl.Builder url = collection(namespace).addQueryParameter("watch", "true")
                .addQueryParameter("allowWatchBookmarks", "true")
                .addQueryParameter("timeoutSeconds", Integer.toString(timeoutSeconds));
        if (!resourceVersion.isEmpty()) {
            url.addQueryParameter("resourceVersion", resourceVersion);
        }
        if (!labelSelector.isEmpty()) {
            url.addQueryParameter("labelSelector", labelSelector);
        }
        if (!fieldSelector.isEmpty()) {
            url.addQueryParameter("fieldSelector", fieldSelector);
        }
        return new WatchStream(rest.stream(url.build()));
    }
}
