package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.core.ReconcileLimits;
import dev.skiff.engine.cron.CronWorkflow;
import dev.skiff.engine.cron.CronWorkflowValidation;
import dev.skiff.engine.lint.ExecutionProfile;
import dev.skiff.engine.lint.LintProblem;
import dev.skiff.engine.lint.ProblemKind;
import dev.skiff.engine.lint.WorkflowLinter;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowFormatException;
import dev.skiff.engine.model.WorkflowTemplate;
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documents of one {@link ArgoKind} in files, checked before they are created ({@code skiff template create},
 * {@code skiff cron create}, as {@code argo template|cron create} validate): documents of other kinds are skipped
 * with a note; a template is linted as {@code argo template lint} does, a CronWorkflow by Argo's cron validation and
 * its {@code workflowSpec} as a Workflow's. Problems Argo also rejects refuse the files (exit 2); features Skiff's
 * controller lacks are printed as warnings.
 */
final class ArgoObjectFiles {

    private ArgoObjectFiles() {
    }

    static List<ObjectNode> read(List<Path> files, ArgoKind kind, PrintStream err) {
        List<ObjectNode> found = new ArrayList<>();
        boolean refused = false;
        for (Path file : files) {
            List<YamlDocument> documents;
            try {
                documents = YamlReader.lenient().readAll(WorkflowFiles.readText(file));
            } catch (YamlException e) {
                throw new UserInputException(file + ": " + e.getMessage(), e);
            }
            for (YamlDocument doc : documents) {
                if (!(doc.root() instanceof ObjectNode object)) {
                    continue;
                }
                String docKind = object.path("kind").asText("");
                String where = file + ": document " + doc.number() + " (line " + doc.line() + ")";
                if (!docKind.equals(kind.kind())) {
                    err.println("skiff: " + where + ": skipping " + (docKind.isEmpty() ? "a document without kind"
                            : docKind) + ": only " + kind.kind() + "s are created here");
                    continue;
                }
                List<LintProblem> problems = problems(object, kind, where);
                if (!problems.isEmpty()) {
                    LintReport.print(err, where, problems);
                    refused |= problems.stream().anyMatch(p -> p.kind() != ProblemKind.UNSUPPORTED);
                }
                found.add(object);
            }
        }
        if (refused) {
            throw new UserInputException("nothing was created: fix the problems above");
        }
        if (found.isEmpty()) {
            throw new UserInputException("no " + kind.kind() + " found in " + files.stream().map(Path::toString)
                    .toList());
        }
        return found;
    }

    private static List<LintProblem> problems(ObjectNode object, ArgoKind kind, String where) {
        try {
            if (kind == ArgoKind.CRON_WORKFLOW) {
                CronWorkflow cron = CronWorkflow.read(object);
                Optional<String> invalid = CronWorkflowValidation.problem(cron, ZoneId.systemDefault());
                if (invalid.isPresent()) {
                    return List.of(new LintProblem("", invalid.get(), "fix spec of the CronWorkflow",
                            ProblemKind.INVALID));
                }
                ObjectNode wf = JsonNodeFactory.instance.objectNode();
                wf.put("apiVersion", "argoproj.io/v1alpha1");
                wf.put("kind", "Workflow");
                wf.putObject("metadata").put("name", cron.name().isEmpty() ? "cron" : cron.name());
                JsonNode spec = object.path("spec").path("workflowSpec");
                wf.set("spec", spec.isObject() ? spec.deepCopy() : JsonNodeFactory.instance.objectNode());
                return WorkflowLinter.lint(WorkflowCodec.read(wf, where), Map.of(), ExecutionProfile.CLUSTER);
            }
            return WorkflowLinter.lint(WorkflowTemplate.read(object, where), ExecutionProfile.CLUSTER,
                    ReconcileLimits.DEFAULT, Optional.empty());
        } catch (WorkflowFormatException | IllegalArgumentException e) {
            return List.of(new LintProblem("", e.getMessage(), "fix the document", ProblemKind.INVALID));
        }
    }
}
