package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.TemplateKind;
import dev.skiff.engine.model.WorkflowSpec;
import java.util.List;
import java.util.Optional;

/**
 * What Skiff's local runner ({@link ExecutionProfile#LOCAL}: each step a host process, no pod) cannot give a step
 * although a pod in a cluster would have it: remote artifact stores ({@link ArtifactSupport}), secrets and config
 * maps as environment variables or volumes, other environment sources, sidecars and init containers, resource and
 * data templates (argoexec does their work against the cluster and the artifact repository). Each is
 * refused, so that a local run never differs silently (an empty variable, an empty directory, a sidecar that never
 * started).
 */
final class LocalRunnerChecks {

    /** Volume sources whose content comes from the cluster; locally they would be empty directories. */
    private static final List<String> CLUSTER_CONTENT_VOLUMES = List.of("secret", "configMap", "projected",
            "downwardAPI", "gitRepo", "image");
    private static final String NOT_LOCAL = " is not supported by Skiff's local runner yet";
    private static final String NOT_LOCAL_PLURAL = " are not supported by Skiff's local runner yet";
    private static final String RUN_IN_A_CLUSTER = "run it in a cluster (skiff controller or Argo)";

    private final WorkflowSpec spec;
    private final Problems problems;
    private final LocalArtifactSetup artifacts;

    LocalRunnerChecks(WorkflowSpec spec, Problems problems, LocalArtifactSetup artifacts) {
        this.spec = spec;
        this.problems = problems;
        this.artifacts = artifacts;
    }

    void checkWorkflow() {
        if (spec.raw().path("suspend").asBoolean(false)) {
            // Nothing would ever clear it: a local run has no `argo resume` for the workflow as a whole.
            problems.unsupported("", "spec.suspend" + NOT_LOCAL + ": nothing could resume the workflow",
                    "remove spec.suspend, or " + RUN_IN_A_CLUSTER);
        }
        ArtifactSupport.check("", "spec.arguments", spec.arguments().artifacts(), artifacts, problems);
    }

    void checkTemplate(Template template) {
        String name = template.name();
        String at = "templates." + name;
        if (template.kind() == TemplateKind.RESOURCE) {
            problems.unsupported(name, "resource templates" + NOT_LOCAL_PLURAL + ": Argo's executor creates, patches or"
                    + " deletes the manifest's object in the cluster it runs in, and a local run has none",
                    RUN_IN_A_CLUSTER + "; or run kubectl from a container step against a cluster of your choice");
        }
        if (template.daemon()) {
            problems.unsupported(name, "daemon templates" + NOT_LOCAL_PLURAL + ": the local runner does not keep a"
                    + " step running beside the steps after it", "run the service as a normal step, or "
                    + RUN_IN_A_CLUSTER);
        }
        if (template.kind() == TemplateKind.DATA) {
            problems.unsupported(name, "data templates" + NOT_LOCAL_PLURAL + ": Argo's executor lists the source's"
                    + " artifacts in the artifact repository", RUN_IN_A_CLUSTER);
        }
        ArtifactSupport.check(name, at + ".inputs", template.inputs().artifacts(), artifacts, problems);
        ArtifactSupport.check(name, at + ".outputs", template.outputs().artifacts(), artifacts, problems);
        for (String extra : List.of("sidecars", "initContainers")) {
            if (template.raw().path(extra).size() > 0) {
                problems.unsupported(name, at + "." + extra + NOT_LOCAL + ": its containers would not run",
                        "start the service from the step's own command for a local run, or " + RUN_IN_A_CLUSTER);
            }
        }
        for (String kind : List.of("container", "script")) {
            JsonNode container = template.raw().path(kind);
            if (container.isObject()) {
                checkContainer(name, at + "." + kind, container, template);
            }
        }
        int i = 0;
        for (List<? extends Invocation> group : template.steps()) {
            for (Invocation step : group) {
                ArtifactSupport.check(name, at + ".steps[" + i + "]." + step.name() + ".arguments",
                        step.arguments().artifacts(), artifacts, problems);
            }
            i++;
        }
        template.dag().ifPresent(d -> d.tasks().forEach(t -> ArtifactSupport.check(name,
                at + ".tasks." + t.name() + ".arguments", t.arguments().artifacts(), artifacts, problems)));
    }

    private void checkContainer(String template, String at, JsonNode container, Template owner) {
        for (JsonNode env : container.path("env")) {
            JsonNode from = env.path("valueFrom");
            if (from.isObject() && from.size() > 0) {
                String source = from.fieldNames().next();
                String why = source.equals("secretKeyRef") || source.equals("configMapKeyRef")
                        ? "the variable would be empty" : "the variable would not be set";
                problems.unsupported(template, at + ".env." + env.path("name").asText("") + ": valueFrom." + source
                        + NOT_LOCAL + ": " + why, "for a local run give it a value (value: ..., or a workflow"
                        + " parameter passed with -p), or " + RUN_IN_A_CLUSTER);
            }
        }
        for (JsonNode source : container.path("envFrom")) {
            String kind = source.has("secretRef") ? "secretRef" : source.has("configMapRef") ? "configMapRef" : "";
            problems.unsupported(template, at + ".envFrom" + (kind.isEmpty() ? "" : "." + kind) + NOT_LOCAL
                    + ": its variables would not be set", "for a local run list the variables under env with"
                    + " values, or " + RUN_IN_A_CLUSTER);
        }
        for (JsonNode mount : container.path("volumeMounts")) {
            String volume = mount.path("name").asText("");
            volumeSource(volume, owner).ifPresent(kind -> problems.unsupported(template, at + ".volumeMounts."
                    + volume + ": a " + kind + " volume" + NOT_LOCAL + ": " + mount.path("mountPath").asText("")
                    + " would be an empty directory", "for a local run write the files in an earlier step (or"
                    + " use a hostPath volume), or " + RUN_IN_A_CLUSTER));
        }
    }

    /** The cluster-content source ({@code secret}, {@code configMap}, ...) of the named volume, if it has one. */
    private Optional<String> volumeSource(String volume, Template owner) {
        for (JsonNode volumes : List.of(owner.raw().path("volumes"), spec.raw().path("volumes"))) {
            for (JsonNode v : volumes) {
                if (v.path("name").asText("").equals(volume)) {
                    return CLUSTER_CONTENT_VOLUMES.stream().filter(v::has).findFirst();
                }
            }
        }
        return Optional.empty();
    }
}
