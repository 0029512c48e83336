package dev.skiff.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code skiff cluster-template create|list|get|delete}: ClusterWorkflowTemplates, like {@code argo cluster-template}. */
@Command(name = "cluster-template", header = "Create, list, show, delete ClusterWorkflowTemplates.",
        description = {
            "Create, list, show and delete the ClusterWorkflowTemplates of a cluster, like 'argo cluster-template'.",
            "Workflows of every namespace use them with templateRef and workflowTemplateRef (clusterScope: true);",
            "'skiff submit --from clusterworkflowtemplate/NAME' runs one.",
            "Exit codes: 0 done, 1 not found or the API refused, 2 bad input."},
        subcommands = {ObjectCreateCommand.class, ObjectListCommand.class, ObjectGetCommand.class,
            ObjectDeleteCommand.class})
final class ClusterTemplateCommand implements Runnable, ArgoObjectGroup {

    @ParentCommand
    SkiffMain main;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public ArgoKind kind() {
        return ArgoKind.CLUSTER_WORKFLOW_TEMPLATE;
    }

    @Override
    public CliIo io() {
        return main.io();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: create, list, get or delete");
    }
}
