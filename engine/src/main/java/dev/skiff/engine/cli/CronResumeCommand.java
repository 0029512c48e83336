package dev.skiff.engine.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skiff cron resume NAME...}: scheduling goes on ({@code spec.suspend: false}). */
@Command(name = "resume", header = "Resume suspended CronWorkflows.", description = {
    "Resume CronWorkflows (spec.suspend=false): the controller schedules them again from the next",
    "activation. An unknown name is exit 1."})
final class CronResumeCommand implements Callable<Integer> {

    @ParentCommand
    private ArgoObjectGroup parent;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "The CronWorkflows.")
    private List<String> names = List.of();

    @Override
    public Integer call() {
        return CronSuspendCommand.setSuspend(parent, cluster, names, false);
    }
}
