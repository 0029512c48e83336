package dev.skiff.engine.cli;

import dev.skiff.engine.core.WorkflowTemplateCatalog;
import dev.skiff.engine.model.ManifestDocument;
import dev.skiff.engine.model.ResourceScope;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code skiff run} runs: the one Workflow of FILE, or a Workflow made from a WorkflowTemplate as
 * {@code argo submit --from workflowtemplate/NAME} makes it ({@code --from}, or a FILE whose only runnable document
 * is one WorkflowTemplate), and the WorkflowTemplates its references may use (those of FILE and of
 * {@code --templates DIR}).
 *
 * @param workflow  the Workflow to run
 * @param templates the WorkflowTemplates and ClusterWorkflowTemplates found
 */
record RunInput(Workflow workflow, WorkflowTemplateCatalog templates) {

    private static final Set<String> NAMESPACED_KINDS = Set.of("workflowtemplate", "workflowtemplates", "wftmpl");
    private static final Set<String> CLUSTER_KINDS = Set.of("clusterworkflowtemplate", "clusterworkflowtemplates",
            "cwftmpl");

    /**
     * Reads FILE (may be null with {@code --from}) and the template directories.
     *
     * @param from  {@code --from KIND/NAME}, or null
     * @param notes where notes about skipped documents go
     */
    static RunInput read(Path file, List<Path> templateDirs, String from, Consumer<String> notes) {
        if (file == null && from == null) {
            throw new UserInputException("skiff run: give a workflow FILE, or --from workflowtemplate/NAME");
        }
        List<ManifestDocument> documents = file == null ? List.of() : WorkflowFiles.readManifests(file);
        List<WorkflowTemplate> inFile = file == null ? List.of() : TemplateFiles.of(file, documents);
        List<WorkflowTemplate> all = new ArrayList<>(inFile);
        all.addAll(TemplateFiles.under(templateDirs, file == null ? List.of() : List.of(file)));
        WorkflowTemplateCatalog catalog = TemplateFiles.catalog(all);
        List<ManifestDocument> workflows = documents.stream().filter(d -> d instanceof ManifestDocument.WorkflowDoc
                || d instanceof ManifestDocument.UnreadableWorkflow).toList();
        for (ManifestDocument d : documents) {
            if (d instanceof ManifestDocument.OtherDocument other) {
                notes.accept("skiff: " + file + ": " + d.position() + ": skipping " + other.description()
                        + ": skiff run runs only Workflows (and uses WorkflowTemplates)");
            }
        }
        if (from != null) {
            if (!workflows.isEmpty()) {
                throw new UserInputException(file + ": holds a Workflow, and --from " + from + " names another one to"
                        + " run; give FILE only for its WorkflowTemplates, or leave out --from");
            }
            return new RunInput(fromResource(from, String.valueOf(file == null ? "--from" : file)), catalog);
        }
        if (workflows.isEmpty()) {
            return new RunInput(fromOnlyTemplate(file, documents, inFile, notes), catalog);
        }
        if (workflows.size() > 1) {
            StringBuilder list = new StringBuilder();
            for (ManifestDocument d : workflows) {
                list.append(list.isEmpty() ? "" : ", ").append(d.position()).append(' ')
                        .append(WorkflowFiles.label(d));
            }
            throw new UserInputException(file + ": holds " + workflows.size() + " Workflows (" + list
                    + "); skiff run runs one Workflow per file (argo submit would submit each): put each in a file"
                    + " of its own, or check them all with skiff lint " + file);
        }
        return switch (workflows.getFirst()) {
            case ManifestDocument.WorkflowDoc doc -> {
                WorkflowFiles.missingName(doc.workflow(), file.toString()).ifPresent(m -> {
                    throw new UserInputException(m);
                });
                yield new RunInput(doc.workflow(), catalog);
            }
            case ManifestDocument.UnreadableWorkflow bad -> throw new UserInputException(file + ": " + bad.problem());
            default -> throw new IllegalStateException("only Workflow documents were kept");
        };
    }

    /** A file without a Workflow: its one WorkflowTemplate runs, as {@code argo submit --from} would run it. */
    private static Workflow fromOnlyTemplate(Path file, List<ManifestDocument> documents,
                                             List<WorkflowTemplate> templates, Consumer<String> notes) {
        if (templates.isEmpty()) {
            throw new UserInputException(WorkflowFiles.notAWorkflow(file, documents));
        }
        if (templates.size() > 1) {
            StringBuilder list = new StringBuilder();
            for (WorkflowTemplate t : templates) {
                list.append(list.isEmpty() ? "" : ", ").append(t.describe());
            }
            throw new UserInputException(file + ": holds no Workflow but " + templates.size() + " templates (" + list
                    + "); choose the one to run with --from workflowtemplate/NAME (or clusterworkflowtemplate/NAME)");
        }
        WorkflowTemplate only = templates.getFirst();
        String kind = only.scope() == ResourceScope.CLUSTER ? "clusterworkflowtemplate" : "workflowtemplate";
        notes.accept("skiff: " + file + ": no Workflow in the file: running " + only.describe() + " as argo submit"
                + " --from " + kind + "/" + only.name() + " would");
        return Workflow.fromWorkflowTemplate(only.name(), only.scope() == ResourceScope.CLUSTER, file.toString());
    }

    /** {@code --from KIND/NAME}, with Argo's kinds and messages. */
    private static Workflow fromResource(String from, String source) {
        String[] parts = from.split("/", 2);
        if (parts.length != 2) {
            throw new UserInputException("resource identifier '" + from + "' is malformed. Should be `kind/name`, e.g."
                    + " workflowtemplate/hello-world");
        }
        String kind = parts[0].toLowerCase(Locale.ROOT);
        Optional<Boolean> cluster = NAMESPACED_KINDS.contains(kind) ? Optional.of(false)
                : CLUSTER_KINDS.contains(kind) ? Optional.of(true) : Optional.empty();
        if (cluster.isEmpty()) {
            throw new UserInputException("Resource kind '" + parts[0] + "' is not supported for submitting (skiff run"
                    + " --from takes workflowtemplate/NAME or clusterworkflowtemplate/NAME)");
        }
        return Workflow.fromWorkflowTemplate(parts[1], cluster.get(), source);
    }
}
