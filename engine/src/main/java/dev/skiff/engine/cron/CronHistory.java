package dev.skiff.engine.cron;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Argo's {@code enforceHistoryLimit}: of the finished Workflows labelled with the CronWorkflow's name, keep the
 * newest {@code successfulJobsHistoryLimit} (default 3) that succeeded and {@code failedJobsHistoryLimit} (default 1)
 * that failed or errored (a negative limit counts as unset); the rest are deleted, oldest last in Argo's order.
 */
final class CronHistory {

    private CronHistory() {
    }

    static void enforceLimits(CronWorkflow cron, List<ChildWorkflow> children, List<String> delete) {
        List<ChildWorkflow> successful = new ArrayList<>();
        List<ChildWorkflow> unsuccessful = new ArrayList<>();
        for (ChildWorkflow wf : children) {
            if (!cron.name().equals(wf.labels().get(ScheduledWorkflow.LABEL_CRON_WORKFLOW)) || !wf.done()) {
                continue;
            }
            (wf.succeeded() ? successful : unsuccessful).add(wf);
        }
        deleteOldest(successful, cron.successfulJobsHistoryLimit().filter(l -> l >= 0).orElse(3L), delete);
        deleteOldest(unsuccessful, cron.failedJobsHistoryLimit().filter(l -> l >= 0).orElse(1L), delete);
    }

    private static void deleteOldest(List<ChildWorkflow> workflows, long keep, List<String> delete) {
        if (keep >= workflows.size()) {
            return;
        }
        List<ChildWorkflow> newestFirst = new ArrayList<>(workflows);
        newestFirst.sort(Comparator.comparing((ChildWorkflow w) -> w.finishedAt().orElse(Instant.MIN)).reversed());
        newestFirst.subList((int) keep, newestFirst.size()).forEach(w -> delete.add(w.name()));
    }
}
