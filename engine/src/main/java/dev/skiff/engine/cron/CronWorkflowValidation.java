package dev.skiff.engine.cron;

import dev.skiff.engine.golang.GoStrconv;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Argo's {@code validate.CronWorkflow}, its cron part, in its order and words: the name's length (52, so that
 * {@code -<unix time>} fits in 63), at least one schedule, each schedule parses, the timezone exists, the concurrency
 * policy, a non-negative {@code startingDeadlineSeconds}. (The {@code workflowSpec} is a Workflow's spec: lint it as
 * one.)
 */
public final class CronWorkflowValidation {

    private static final int MAX_NAME = 52;

    private CronWorkflowValidation() {
    }

    /** The first problem, if any. */
    public static Optional<String> problem(CronWorkflow cron, ZoneId defaultZone) {
        if (cron.name().length() > MAX_NAME) {
            return Optional.of("cron workflow name " + GoStrconv.quote(cron.name()) + " must not be more than 52"
                    + " characters long (currently " + cron.name().length() + ")");
        }
        if (cron.schedules().isEmpty()) {
            return Optional.of("cron workflow must have at least one schedule");
        }
        for (String schedule : cron.schedules()) {
            try {
                CronSchedule.parse(schedule, defaultZone);
            } catch (CronException e) {
                return Optional.of("cron schedule " + schedule + " is malformed: " + e.getMessage());
            }
        }
        if (!cron.timezone().isEmpty()) {
            try {
                CronSchedule.zone(cron.timezone());
            } catch (CronException e) {
                return Optional.of("invalid timezone " + GoStrconv.quote(cron.timezone()) + ": unknown time zone "
                        + cron.timezone());
            }
        }
        switch (cron.concurrencyPolicy()) {
            case "Allow", "Forbid", "Replace", "" -> {
            }
            default -> {
                return Optional.of("'" + cron.concurrencyPolicy() + "' is not a valid concurrencyPolicy");
            }
        }
        if (cron.startingDeadlineSeconds().map(s -> s < 0).orElse(false)) {
            return Optional.of("startingDeadlineSeconds must be positive");
        }
        return Optional.empty();
    }
}
