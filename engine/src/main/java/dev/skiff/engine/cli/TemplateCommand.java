package dev.skiff.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code skiff template create|list|get|delete}: WorkflowTemplates of a cluster, like {@code argo template}. */
@Command(name = "template", header = "Create, list, show, delete WorkflowTemplates.",
        description = {
            "Create, list, show and delete the WorkflowTemplates of a namespace, like 'argo template'.",
            "Workflows use them with templateRef and workflowTemplateRef; 'skiff submit --from",
            "workflowtemplate/NAME' runs one. ClusterWorkflowTemplates: 'skiff cluster-template'.",
            "Exit codes: 0 done, 1 not found or the API refused, 2 bad input."},
        subcommands = {ObjectCreateCommand.class, ObjectListCommand.class, ObjectGetCommand.class,
            ObjectDeleteCommand.class})
final class TemplateCommand implements Runnable, ArgoObjectGroup {

    @ParentCommand
    SkiffMain main;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public ArgoKind kind() {
        return ArgoKind.WORKFLOW_TEMPLATE;
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
