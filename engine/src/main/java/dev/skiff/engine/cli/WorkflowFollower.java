package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.model.WorkflowStatus;
import java.util.Optional;

/**
 * Shows a workflow of a cluster until it is done, through the displays {@code skiff run} uses (live
 * tree, progress lines, or only the final document), and gives {@code skiff run}'s exit code for
 * its final phase.
 */
final class WorkflowFollower {

    private WorkflowFollower() {
    }

    /**
     * @param initial the workflow as first seen (its spec feeds the summary)
     * @param format  json or yaml: only the final Workflow; wide: more columns; empty: the tree
     * @param quiet   show nothing at all, only wait
     * @return 0 when it Succeeded, 1 when it Failed or Errored
     */
    static int follow(CliIo io, WorkflowApi api, Workflow initial, String name, Optional<OutputFormat> format,
            boolean quiet) {
        WorkflowWatcher watcher = new WorkflowWatcher(api);
        if (quiet) {
            return exitCode(WorkflowObjects.toWorkflow(watcher.untilDone(name, wf -> { })));
        }
        try (RunDisplay display = RunDisplay.choose(io, format, initial)) {
            ObjectNode done = watcher.untilDone(name,
                    wf -> display.update(WorkflowObjects.statusOrPending(WorkflowObjects.toWorkflow(wf))));
            Workflow last = WorkflowObjects.toWorkflow(done);
            display.finish(last);
            return exitCode(last);
        }
    }

    static int exitCode(Workflow done) {
        return ExitCodes.of(done.status().map(WorkflowStatus::phase).orElse(WorkflowPhase.ERROR));
    }
}
