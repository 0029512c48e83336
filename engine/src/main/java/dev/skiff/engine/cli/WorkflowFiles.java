package dev.skiff.engine.cli;

import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowFormatException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads workflow files for the CLI, turning every failure into a {@link UserInputException}. */
final class WorkflowFiles {

    private WorkflowFiles() {
    }

    static Workflow read(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new UserInputException(file + ": is a directory; expected a workflow file (YAML or JSON)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file", e);
        } catch (MalformedInputException e) {
            throw new UserInputException(file + ": not UTF-8 text; expected a workflow file (YAML or JSON)", e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        Workflow wf;
        try {
            wf = WorkflowCodec.read(text, file.toString());
        } catch (WorkflowFormatException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        if (wf.name().isEmpty() && wf.generateName().isEmpty()) {
            // Kubernetes refuses such an object before Argo sees it.
            throw new UserInputException(file + ": metadata.name or metadata.generateName is required");
        }
        return wf;
    }
}
