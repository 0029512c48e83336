package dev.skiff.engine.cli;

import dev.skiff.engine.model.ManifestDocument;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.yaml.YamlLimits;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads workflow files for the CLI, turning every failure into a {@link UserInputException}. A file may hold
 * several documents, as for {@code argo submit}: {@link #readOne} is what {@code skiff run} runs.
 */
final class WorkflowFiles {

    /** Files larger than this are refused before they are read (the YAML reader's limit, in bytes). */
    static final long MAX_BYTES = YamlLimits.DEFAULT.maxChars();

    private WorkflowFiles() {
    }

    /** Every document of {@code file}. */
    static List<ManifestDocument> readManifests(Path file) {
        String text = readText(file);
        try {
            return WorkflowCodec.readManifests(text, file.toString());
        } catch (WorkflowFormatException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /**
     * The one Workflow {@code skiff submit} creates from {@code file}. Documents of other kinds (WorkflowTemplates
     * included) are skipped with a note (as {@code argo submit} ignores them); a file with no Workflow, or with
     * several, is refused. ({@code skiff run} reads its input with {@link RunInput}.)
     */
    static Workflow readOne(Path file, Consumer<String> notes) {
        List<ManifestDocument> documents = readManifests(file);
        List<ManifestDocument> workflows = documents.stream().filter(d -> d instanceof ManifestDocument.WorkflowDoc
                || d instanceof ManifestDocument.UnreadableWorkflow).toList();
        if (workflows.isEmpty()) {
            throw new UserInputException(notAWorkflow(file, documents));
        }
        if (workflows.size() > 1) {
            StringBuilder list = new StringBuilder();
            for (ManifestDocument d : workflows) {
                list.append(list.isEmpty() ? "" : ", ").append(d.position()).append(' ').append(label(d));
            }
            throw new UserInputException(file + ": holds " + workflows.size() + " Workflows (" + list
                    + "); skiff run runs one Workflow per file (argo submit would submit each): put each in a file"
                    + " of its own, or check them all with skiff lint " + file);
        }
        for (ManifestDocument d : documents) {
            if (d instanceof ManifestDocument.OtherDocument other) {
                notes.accept("skiff: " + file + ": " + d.position() + ": skipping " + other.description()
                        + ": only Workflows are submitted");
            } else if (d instanceof ManifestDocument.TemplateDoc t) {
                notes.accept("skiff: " + file + ": " + d.position() + ": skipping " + t.template().describe()
                        + ": only Workflows are submitted (create WorkflowTemplates with kubectl apply)");
            }
        }
        return switch (workflows.getFirst()) {
            case ManifestDocument.WorkflowDoc doc -> {
                missingName(doc.workflow(), file.toString()).ifPresent(m -> {
                    throw new UserInputException(m);
                });
                yield doc.workflow();
            }
            case ManifestDocument.UnreadableWorkflow bad -> throw new UserInputException(file + ": " + bad.problem());
            default -> throw new IllegalStateException("filtered out above");
        };
    }

    /** Why the API server would refuse {@code wf} for lack of a name, if it would ({@code label}: where it is). */
    static Optional<String> missingName(Workflow wf, String label) {
        return wf.name().isEmpty() && wf.generateName().isEmpty()
                ? Optional.of(label + ": metadata.name or metadata.generateName is required") : Optional.empty();
    }

    /** The message for a file without a Workflow (or WorkflowTemplate) in it. */
    static String notAWorkflow(Path file, List<ManifestDocument> documents) {
        if (documents.isEmpty()) {
            return file + ": the file is empty; expected an argoproj.io/v1alpha1 Workflow";
        }
        if (documents.size() == 1 && documents.getFirst() instanceof ManifestDocument.OtherDocument other) {
            return file + ": not an argoproj.io/v1alpha1 Workflow: found " + other.description();
        }
        StringBuilder found = new StringBuilder();
        for (ManifestDocument d : documents) {
            if (d instanceof ManifestDocument.OtherDocument other) {
                found.append(found.isEmpty() ? "" : "; ").append(d.position()).append(": ").append(other.description());
            }
        }
        return file + ": no argoproj.io/v1alpha1 Workflow in the file (found " + found + ")";
    }

    /** How a Workflow document is named in messages: {@code "hello-"}, or "" when it has no name. */
    static String label(ManifestDocument document) {
        String name = switch (document) {
            case ManifestDocument.WorkflowDoc doc -> doc.workflow().name().isEmpty()
                    ? doc.workflow().generateName() : doc.workflow().name();
            case ManifestDocument.UnreadableWorkflow bad -> bad.name();
            case ManifestDocument.TemplateDoc doc -> doc.template().name();
            case ManifestDocument.UnreadableTemplate bad -> bad.name();
            case ManifestDocument.OtherDocument other -> "";
        };
        String kind = switch (document) {
            case ManifestDocument.TemplateDoc doc -> doc.template().kind() + " ";
            case ManifestDocument.UnreadableTemplate bad -> bad.kind() + " ";
            default -> "";
        };
        return kind + (name.isEmpty() ? "(no name)" : "\"" + name + "\"");
    }

    static String readText(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new UserInputException(file + ": is a directory; expected a workflow file (YAML or JSON)");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new UserInputException(file + ": is " + size + " bytes, more than Skiff reads (" + MAX_BYTES
                        + " bytes = 3 MiB; Kubernetes stores a Workflow of at most about 1.5 MiB)");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file", e);
        } catch (MalformedInputException e) {
            throw new UserInputException(file + ": not UTF-8 text; expected a workflow file (YAML or JSON)", e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }
}
