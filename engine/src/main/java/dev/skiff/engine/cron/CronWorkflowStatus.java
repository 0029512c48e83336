package dev.skiff.engine.cron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Condition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CronWorkflow's {@code status} in Argo's shape.
 *
 * @param active            object references of the Workflows still running ({@code kind}, {@code apiVersion},
 *                          {@code name}, {@code namespace}, {@code uid}, {@code resourceVersion})
 * @param lastScheduledTime the last time a Workflow was scheduled
 * @param conditions        {@code SpecError}, {@code SubmissionError}
 * @param succeeded         Workflows that succeeded
 * @param failed            Workflows that failed or errored, and failed submissions
 * @param phase             {@code Active}, {@code Stopped} or ""
 */
public record CronWorkflowStatus(List<ObjectNode> active, Optional<Instant> lastScheduledTime,
                                 List<Condition> conditions, long succeeded, long failed, String phase) {

    public static final String ACTIVE = "Active";
    public static final String STOPPED = "Stopped";

    public CronWorkflowStatus {
        active = List.copyOf(active);
        conditions = List.copyOf(conditions);
    }

    static CronWorkflowStatus read(JsonNode status) {
        List<ObjectNode> active = new ArrayList<>();
        status.path("active").forEach(a -> {
            if (a instanceof ObjectNode o) {
                active.add(o.deepCopy());
            }
        });
        List<Condition> conditions = new ArrayList<>();
        status.path("conditions").forEach(c -> conditions.add(new Condition(c.path("type").asText(""),
                c.path("status").asText(""), c.path("message").asText(""))));
        Optional<Instant> last;
        try {
            last = status.path("lastScheduledTime").isTextual()
                    ? Optional.of(Instant.parse(status.path("lastScheduledTime").textValue())) : Optional.empty();
        } catch (DateTimeParseException e) {
            last = Optional.empty();
        }
        return new CronWorkflowStatus(active, last, conditions, status.path("succeeded").asLong(0),
                status.path("failed").asLong(0), status.path("phase").asText(""));
    }

    /** The status as Argo writes it (every field, as Go's non-omitempty fields are). */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode refs = out.putArray("active");
        active.forEach(a -> refs.add(a.deepCopy()));
        if (lastScheduledTime.isPresent()) {
            out.put("lastScheduledTime", lastScheduledTime.get().truncatedTo(ChronoUnit.SECONDS).toString());
        } else {
            out.putNull("lastScheduledTime");
        }
        ArrayNode cs = out.putArray("conditions");
        for (Condition c : conditions) {
            ObjectNode cn = cs.addObject();
            cn.put("type", c.type());
            cn.put("status", c.status());
            if (!c.message().isEmpty()) {
                cn.put("message", c.message());
            }
        }
        out.put("succeeded", succeeded);
        out.put("failed", failed);
        out.put("phase", phase);
        return out;
    }
}
