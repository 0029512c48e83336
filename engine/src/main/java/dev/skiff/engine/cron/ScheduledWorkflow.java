package dev.skiff.engine.cron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The Workflow a CronWorkflow creates for one scheduled time (Argo's
 * {@code ConvertCronWorkflowToWorkflowWithProperties}): named {@code <cron>-<unix time>}, labelled
 * {@code workflows.argoproj.io/cron-workflow: <cron>} (plus the creator labels and {@code controller-instanceid} of
 * the CronWorkflow, and {@code workflowMetadata}'s labels), annotated {@code workflows.argoproj.io/scheduled-time}
 * (RFC 3339 in the controller's zone), owned by the CronWorkflow (controller reference), its spec the
 * {@code workflowSpec}.
 */
final class ScheduledWorkflow {

    static final String LABEL_CRON_WORKFLOW = "workflows.argoproj.io/cron-workflow";
    static final String ANNOTATION_SCHEDULED_TIME = "workflows.argoproj.io/scheduled-time";
    static final List<String> PROPAGATED = List.of("workflows.argoproj.io/creator",
            "workflows.argoproj.io/creator-email", "workflows.argoproj.io/creator-preferred-username");
    private static final String INSTANCE_ID = "workflows.argoproj.io/controller-instanceid";
    /** Go's {@code time.RFC3339}: whole seconds, {@code Z} for UTC. */
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private ScheduledWorkflow() {
    }

    /** Argo's {@code getChildWorkflowName}. */
    static String name(String cronName, Instant scheduled) {
        return cronName + "-" + scheduled.getEpochSecond();
    }

    static ObjectNode of(CronWorkflow cron, Instant scheduled, ZoneId zone) {
        ObjectNode wf = JsonNodeFactory.instance.objectNode();
        wf.put("apiVersion", cron.document().path("apiVersion").asText("argoproj.io/v1alpha1"));
        wf.put("kind", "Workflow");
        ObjectNode metadata = wf.putObject("metadata");
        metadata.put("name", name(cron.name(), scheduled));
        if (!cron.namespace().isEmpty()) {
            metadata.put("namespace", cron.namespace());
        }
        ObjectNode labels = metadata.putObject("labels");
        PROPAGATED.stream().filter(cron.labels()::containsKey).forEach(k -> labels.put(k, cron.labels().get(k)));
        if (cron.labels().containsKey(INSTANCE_ID)) {
            labels.put(INSTANCE_ID, cron.labels().get(INSTANCE_ID));
        }
        labels.put(LABEL_CRON_WORKFLOW, cron.name());
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put(ANNOTATION_SCHEDULED_TIME,
                RFC3339.format(scheduled.atZone(zone)));
        cron.workflowMetadata().ifPresent(md -> {
            md.path("labels").properties().forEach(e -> labels.set(e.getKey(), e.getValue().deepCopy()));
            md.path("annotations").properties().forEach(e -> annotations.set(e.getKey(), e.getValue().deepCopy()));
            JsonNode finalizers = md.get("finalizers");
            if (finalizers != null && finalizers.isArray() && !finalizers.isEmpty()) {
                metadata.set("finalizers", finalizers.deepCopy());
            }
        });
        ObjectNode owner = metadata.putArray("ownerReferences").addObject();
        owner.put("apiVersion", "argoproj.io/v1alpha1");
        owner.put("kind", "CronWorkflow");
        owner.put("name", cron.name());
        owner.put("uid", cron.uid());
        owner.put("controller", true);
        owner.put("blockOwnerDeletion", true);
        wf.set("spec", cron.workflowSpec().deepCopy());
        return wf;
    }

    /** Argo's {@code getWorkflowObjectReference}: how {@code status.active} names a created Workflow. */
    static ObjectNode reference(JsonNode created) {
        JsonNode metadata = created.path("metadata");
        return reference(metadata.path("name").asText(""), metadata.path("namespace").asText(""),
                metadata.path("uid").asText(""), metadata.path("resourceVersion").asText(""));
    }

    static ObjectNode reference(String name, String namespace, String uid, String resourceVersion) {
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("kind", "Workflow");
        ref.put("namespace", namespace);
        ref.put("name", name);
        ref.put("uid", uid);
        ref.put("apiVersion", "argoproj.io/v1alpha1");
        if (!resourceVersion.isEmpty()) {
            ref.put("resourceVersion", resourceVersion);
        }
        return ref;
    }
}
