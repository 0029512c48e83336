package dev.skiff.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code skiff cron create|list|get|delete|suspend|resume}: CronWorkflows, like {@code argo cron}. */
@Command(name = "cron", header = "Create, list, show, (un)suspend, delete CronWorkflows.",
        description = {
            "Create, list, show, delete, suspend and resume the CronWorkflows of a namespace, like 'argo cron'.",
            "A controller (skiff controller, or Argo's) creates their Workflows on schedule; 'skiff submit",
            "--from cronworkflow/NAME' creates one now.",
            "Exit codes: 0 done, 1 not found or the API refused, 2 bad input."},
        subcommands = {ObjectCreateCommand.class, ObjectListCommand.class, ObjectGetCommand.class,
            ObjectDeleteCommand.class, CronSuspendCommand.class, CronResumeCommand.class})
final class CronCommand implements Runnable, ArgoObjectGroup {

    @ParentCommand
    SkiffMain main;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public ArgoKind kind() {
        return ArgoKind.CRON_WORKFLOW;
    }

    @Override
    public CliIo io() {
        return main.io();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: create, list, get, delete, suspend or resume");
    }
}
