package dev.skiff.engine.cron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code CronWorkflow} ({@code argoproj.io/v1alpha1}) as the plan reads it: metadata, the cron options of its
 * spec, the {@code workflowSpec} the Workflows get, and its status.
 *
 * @param document the object as given (the plan changes nothing in it)
 */
public record CronWorkflow(ObjectNode document, String name, String namespace, String uid, Map<String, String> labels,
                           Map<String, String> annotations, List<String> schedules, String timezone,
                           String concurrencyPolicy, boolean suspend, Optional<Long> startingDeadlineSeconds,
                           Optional<Long> successfulJobsHistoryLimit, Optional<Long> failedJobsHistoryLimit,
                           String when, Optional<String> stopExpression, ObjectNode workflowSpec,
                           Optional<ObjectNode> workflowMetadata, CronWorkflowStatus status) {

    /** The annotation in which Argo remembers the schedule it last ran with. */
    public static final String LAST_USED_SCHEDULE = "cronworkflows.argoproj.io/last-used-schedule";

    public CronWorkflow {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        schedules = List.copyOf(schedules);
    }

    /** Reads a CronWorkflow object (as the Kubernetes API returns it); fields of the wrong type read as unset. */
    public static CronWorkflow read(ObjectNode document) {
        JsonNode metadata = document.path("metadata");
        JsonNode spec = document.path("spec");
        List<String> schedules = new ArrayList<>();
        spec.path("schedules").forEach(s -> schedules.add(s.asText("")));
        ObjectNode workflowSpec = spec.get("workflowSpec") instanceof ObjectNode o ? o.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        return new CronWorkflow(document.deepCopy(), metadata.path("name").asText(""),
                metadata.path("namespace").asText(""), metadata.path("uid").asText(""), strings(metadata.path("labels")),
                strings(metadata.path("annotations")), schedules, spec.path("timezone").asText(""),
                spec.path("concurrencyPolicy").asText(""), spec.path("suspend").asBoolean(false),
                number(spec.get("startingDeadlineSeconds")), number(spec.get("successfulJobsHistoryLimit")),
                number(spec.get("failedJobsHistoryLimit")), spec.path("when").asText(""),
                spec.path("stopStrategy").has("expression")
                        ? Optional.of(spec.path("stopStrategy").path("expression").asText("")) : Optional.empty(),
                workflowSpec, spec.get("workflowMetadata") instanceof ObjectNode m ? Optional.of(m.deepCopy())
                        : Optional.empty(),
                CronWorkflowStatus.read(document.path("status")));
    }

    /** Argo's {@code GetSchedulesWithTimezone}: each schedule with {@code CRON_TZ=<timezone> } before it. */
    public List<String> schedulesWithTimezone() {
        return schedules.stream().map(s -> timezone.isEmpty() ? s : "CRON_TZ=" + timezone + " " + s).toList();
    }

    /** Argo's {@code GetScheduleWithTimezoneString}: the schedules with their zone, comma-separated. */
    public String scheduleWithTimezone() {
        return String.join(",", schedulesWithTimezone());
    }

    /** Argo's {@code IsUsingNewSchedule}: the schedule differs from the one last run with (or none was). */
    public boolean usingNewSchedule() {
        String last = annotations.get(LAST_USED_SCHEDULE);
        return last == null || !last.equals(scheduleWithTimezone());
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText("")));
        return out;
    }

    private static Optional<Long> number(JsonNode value) {
        return value != null && value.canConvertToLong() ? Optional.of(value.asLong()) : Optional.empty();
    }
}
