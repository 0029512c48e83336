package dev.skiff.engine.cli;

import dev.skiff.engine.core.WorkflowTemplateCatalog;
import dev.skiff.engine.model.ManifestDocument;
import dev.skiff.engine.model.WorkflowTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The WorkflowTemplates and ClusterWorkflowTemplates {@code skiff run} and {@code skiff lint} resolve references
 * with: every such document of the files given, and of the YAML and JSON files under {@code --templates DIR}
 * (recursively), as Argo's e2e tests apply the templates of {@code examples/} before running the workflows and as
 * {@code argo lint} (offline) reads the templates of every path it is given.
 */
final class TemplateFiles {

    private TemplateFiles() {
    }

    /** The templates among a file's documents; an unreadable one is the user's to fix. */
    static List<WorkflowTemplate> of(Path file, List<ManifestDocument> documents) {
        List<WorkflowTemplate> out = new ArrayList<>();
        for (ManifestDocument d : documents) {
            switch (d) {
                case ManifestDocument.TemplateDoc doc -> out.add(doc.template());
                case ManifestDocument.UnreadableTemplate bad -> throw new UserInputException(file + " ("
                        + d.position() + ", " + bad.kind() + " " + (bad.name().isEmpty() ? "(no name)"
                        : "\"" + bad.name() + "\"") + "): " + bad.problem());
                default -> {
                }
            }
        }
        return out;
    }

    /** Every template in the manifest files under {@code dirs}. */
    static List<WorkflowTemplate> under(List<Path> dirs) {
        return under(dirs, List.of());
    }

    /** Likewise, passing over the files already read (FILE itself may lie under a --templates DIR). */
    static List<WorkflowTemplate> under(List<Path> dirs, List<Path> alreadyRead) {
        java.util.Set<Path> seen = new java.util.HashSet<>();
        alreadyRead.forEach(f -> seen.add(f.toAbsolutePath().normalize()));
        List<WorkflowTemplate> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new UserInputException("--templates " + dir + ": " + (Files.exists(dir) ? "not a directory"
                        : "no such directory"));
            }
            for (Path file : manifestsUnder(dir)) {
                if (seen.add(file.toAbsolutePath().normalize())) {
                    out.addAll(of(file, WorkflowFiles.readManifests(file)));
                }
            }
        }
        return out;
    }

    /** The catalog of {@code templates}; two of one kind with the same name are refused. */
    static WorkflowTemplateCatalog catalog(List<WorkflowTemplate> templates) {
        try {
            return WorkflowTemplateCatalog.of(templates);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("skiff: " + e.getMessage() + "; a name may be used once per kind", e);
        }
    }

    /** The manifest files under {@code dir}, sorted, as {@code argo lint} picks them: by extension. */
    static List<Path> manifestsUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list the directory (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }
}
