package dev.skiff.engine.cron;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The Workflow {@code argo submit --from cronwf/NAME} creates (Argo's {@code ConvertCronWorkflowToWorkflow}): as a
 * scheduled one ({@link ScheduledWorkflow}) but with {@code generateName: <cron>-} instead of a name, the
 * {@code scheduled-time} annotation at the submission time, and without the creator labels of the CronWorkflow
 * (those of {@code workflowMetadata} stay).
 */
public final class SubmittedWorkflow {

    private SubmittedWorkflow() {
    }

    public static ObjectNode of(CronWorkflow cron, Instant now, ZoneId zone) {
        ObjectNode wf = ScheduledWorkflow.of(cron, now, zone);
        ObjectNode metadata = wf.withObjectProperty("metadata");
        metadata.remove("name");
        metadata.put("generateName", cron.name() + "-");
        ObjectNode labels = metadata.withObjectProperty("labels");
        ObjectNode fromMetadata = cron.workflowMetadata().map(m -> m.path("labels"))
                .filter(l -> l instanceof ObjectNode).map(l -> (ObjectNode) l).orElse(null);
        for (String label : ScheduledWorkflow.PROPAGATED) {
            if (fromMetadata == null || !fromMetadata.has(label)) {
                labels.remove(label);
            }
        }
        return wf;
    }
}
