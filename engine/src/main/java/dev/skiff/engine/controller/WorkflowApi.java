package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The Workflow requests of one cluster besides list and watch: read one, write its status, delete it. */
final class WorkflowApi {

    private final KubeJson json;
    private final StatusWriter writer;

    WorkflowApi(KubeJson json, int maxWorkflowSize) {
        this.json = json;
        this.writer = new StatusWriter(json, maxWorkflowSize);
    }

    KubeJson json() {
        return json;
    }

    StatusWriter writer() {
        return writer;
    }

    /** The object as the API server has it now. */
    ObjectNode get(WorkflowKey key) throws ApiFailure {
        return json.get(StatusWriter.path(key), Map.of());
    }

    /**
     * Deletes the workflow if it is still the object with this uid (a workflow recreated under the same name is
     * left alone); its pods go with it (background propagation, as Argo). Gone already is fine.
     */
    void delete(WorkflowKey key, String uid) throws ApiFailure {
        String body = "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Background\","
                + "\"preconditions\":{\"uid\":\"" + uid.replace("\"", "") + "\"}}";
        try {
            json.delete(StatusWriter.path(key), body.getBytes(StandardCharsets.UTF_8));
        } catch (ApiFailure f) {
            if (!f.notFound() && !f.conflict()) {
                throw f;
            }
        }
    }
}
