package dev.skiff.engine.core;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.Parameter;
import dev.skiff.engine.model.PodNames;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import dev.skiff.spi.executor.OutputFile;
import dev.skiff.spi.executor.StepCommand;
import dev.skiff.spi.executor.StepRef;
import dev.skiff.spi.executor.StepRequest;
import dev.skiff.spi.executor.StepTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the step request of a pod node (Argo's createWorkflowPod, reduced to what executors need). */
final class PodLauncher {

    /** Seconds an executor waits past the workflow deadline before killing a step itself. */
    static final long WORKFLOW_DEADLINE_GRACE_SECONDS = 5;

    private PodLauncher() {
    }

    /** The request, or empty when the workflow deadline passed and the pod must not start (Argo creates no pod). */
    static Optional<StepRequest> request(Ctx ctx, NodeStatus node, Template tmpl, Opts opts, boolean includeResult) {
        Optional<Duration> deadline = deadline(ctx, node, tmpl, opts);
        if (deadline.isPresent() && deadline.get().isNegative()) {
            return Optional.empty();
        }
        JsonNode container = tmpl.raw().path(tmpl.kind() == TemplateKind.SCRIPT ? "script" : "container");
        StepCommand command = new StepCommand(container.path("image").asText(""), strings(container.path("command")),
                strings(container.path("args")), env(container.path("env")),
                optText(container.path("workingDir")),
                // As Argo: a script without source runs as a container (no script file path appended).
                tmpl.kind() == TemplateKind.SCRIPT ? optText(container.path("source")) : Optional.empty());
        List<OutputFile> outputs = new ArrayList<>();
        for (Parameter p : tmpl.outputs().parameters()) {
            p.valueFrom().filter(v -> !v.path().isEmpty()).ifPresent(v -> outputs.add(new OutputFile(p.name(), v.path())));
        }
        StepTarget target = StepPlacement.of(ctx, tmpl, opts.boundaryId());
        String podName = PodNames.podName(ctx.wfName, node.name(), tmpl.name());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("workflows.argoproj.io/workflow", ctx.wfName);
        labels.put("workflows.argoproj.io/completed", "false");
        if (opts.onExit()) {
            labels.put("workflows.argoproj.io/on-exit", "true");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("workflows.argoproj.io/node-name", node.name());
        annotations.put("workflows.argoproj.io/node-id", node.id());
        podGcAnnotation(ctx).ifPresent(v -> annotations.put("workflows.argoproj.io/pod-gc-strategy", v));
        return Optional.of(new StepRequest(new StepRef(podName, target), ctx.wfName, ctx.namespace, node.id(),
                node.name(), tmpl.name(), command, outputs, deadline, labels, annotations, PodSpecFields.of(ctx, tmpl, opts),
                PodArtifacts.inputs(ctx, tmpl), PodArtifacts.outputs(ctx, tmpl, podName), ctx.uid,
                executorTemplate(ctx, tmpl, podName), includeResult, opts.onExit() ? Optional.empty() : ctx.workflowDeadline));
    }

    /**
     * How long the pod may run: the least of the template's activeDeadlineSeconds, its timeout counted from
     * the node's start, the back-off maxDuration and (unless an exit handler) the workflow deadline.
     * Negative when the workflow deadline already passed.
     */
    static Optional<Duration> deadline(Ctx ctx, NodeStatus node, Template tmpl, Opts opts) {
        Instant now = ctx.now();
        Duration best = null;
        if (tmpl.activeDeadlineSeconds().isPresent()) {
            best = Duration.ofSeconds(Retries.intOrString(tmpl.activeDeadlineSeconds().get(), "activeDeadlineSeconds"));
        }
        if (!opts.onExit() && ctx.workflowDeadline.isPresent()) {
            long remaining = Duration.between(now, ctx.workflowDeadline.get()).getSeconds();
            if (remaining <= 0) {
                return Optional.of(Duration.ofSeconds(-1));
            }
            // Argo gives pods the time left until the workflow deadline; the controller stops them at the
            // deadline with "Step exceeded its deadline". The grace keeps that order with local processes.
            best = min(best, Duration.ofSeconds(remaining + WORKFLOW_DEADLINE_GRACE_SECONDS));
        }
        if (!tmpl.timeout().isEmpty()) {
            Instant end = node.startedAt().orElse(now).plus(GoDuration.parseArgoOrFail(tmpl.timeout()));
            long remaining = Duration.between(now, end).getSeconds();
            if (remaining <= 1) {
                throw new ReconcileException(node.name() + " exceeded its deadline");
            }
            best = min(best, Duration.ofSeconds(remaining));
        }
        if (opts.executionDeadline().isPresent()) {
            best = min(best, Duration.between(now, opts.executionDeadline().get()));
        }
        return Optional.ofNullable(best);
    }

    private static Duration min(Duration a, Duration b) {
        return a == null || b.compareTo(a) < 0 ? b : a;
    }

    /** Argo's pod-gc-strategy annotation, {@code <strategy>/<delay>}, when the workflow has a podGC. */
    private static Optional<String> podGcAnnotation(Ctx ctx) {
        try {
            return ctx.spec.podGc().map(gc -> gc.strategy() + "/" + GoDuration.format(PodGcPolicy.deleteDelay(gc)));
        } catch (dev.skiff.engine.model.WorkflowFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Argo's ARGO_TEMPLATE: the processed template with input parameters dropped, input artifacts kept, and for
     * steps run by argoexec the archive location of the artifact repository (addArchiveLocation).
     */
    private static Map<String, Object> executorTemplate(Ctx ctx, Template tmpl, String podName) {
        ObjectNode json = tmpl.raw().deepCopy();
        JsonNode inputs = json.path("inputs");
        if (inputs.isObject()) {
            ObjectNode kept = GoJson.MAPPER.createObjectNode();
            if (inputs.has("artifacts")) {
                kept.set("artifacts", inputs.get("artifacts"));
            }
            json.set("inputs", kept);
        }
        if (ctx.artifacts.argoexec()) {
            addArchiveLocation(ctx, tmpl, podName, json);
        }
        JsonNode resource = json.path("resource");
        if (resource.isObject() && resource.path("setOwnerReference").asBoolean(false)) {
            ((ObjectNode) resource).put("manifest", ResourceOwnerReference.add(resource.path("manifest").asText(""),
                    ctx.wfName, ctx.uid));
        }
        return GoJson.MAPPER.convertValue(json, new TypeReference<Map<String, Object>>() { });
    }

    /**
     * addArchiveLocation: a template without a complete archive location of its own gets the repository's when it
     * archives logs (IsArchiveLogs: the repository's on, else the template's, else the workflow's) or has an
     * artifact without a complete location of its own.
     */
    private static void addArchiveLocation(Ctx ctx, Template tmpl, String podName, ObjectNode json) {
        JsonNode own = tmpl.raw().path("archiveLocation");
        if (own.isObject() && ArgoArchiveLocation.hasLocation(own)) {
            return;
        }
        boolean archiveLogs = ctx.artifacts.archivesLogs();
        if (!archiveLogs) {
            archiveLogs = ctx.spec.raw().path("archiveLogs").asBoolean(false);
            if (own.path("archiveLogs").isBoolean()) {
                archiveLogs = own.path("archiveLogs").booleanValue();
            }
        }
        boolean needLocation = archiveLogs;
        for (JsonNode art : tmpl.raw().path("inputs").path("artifacts")) {
            needLocation |= !ArgoArchiveLocation.hasLocation(art);
        }
        for (JsonNode art : tmpl.raw().path("outputs").path("artifacts")) {
            needLocation |= !ArgoArchiveLocation.hasLocation(art);
        }
        JsonNode dataSource = tmpl.raw().path("data").path("source").path("artifactPaths");
        if (dataSource.isObject()) {
            // A data template's source (GetArtifactIfNeeded): argoexec data completes it from the archive location.
            needLocation |= !ArgoArchiveLocation.hasLocation(dataSource);
        }
        if (needLocation) {
            boolean logs = archiveLogs;
            ctx.artifacts.archiveLocation(ctx.globals, podName, logs).ifPresent(l -> json.set("archiveLocation", l));
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.isTextual() ? n.textValue() : n.toString()));
        }
        return out;
    }

    private static Map<String, String> env(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isArray()) {
            for (JsonNode e : node) {
                if (e.has("name") && e.has("value")) {
                    out.put(e.get("name").asText(), e.get("value").asText());
                }
            }
        }
        return out;
    }

    private static Optional<String> optText(JsonNode node) {
        return node.isTextual() && !node.textValue().isEmpty() ? Optional.of(node.textValue()) : Optional.empty();
    }
}
