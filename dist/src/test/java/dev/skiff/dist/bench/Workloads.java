package dev.skiff.dist.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmark's Workflows, as JSON. Each asks for instant pods the same way for both controllers: the
 * workflow-level {@code spec.podMetadata} annotation {@code skiff.dev/testbed-instant: "true"}, which Argo and Skiff
 * both copy onto every pod they create; the testbed's kubelet then finishes the pod at once without running it.
 */
final class Workloads {

    static final String INSTANT_ANNOTATION = "skiff.dev/testbed-instant";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Label on every benchmark workflow: its name without the trailing {@code -N} (the harness watches by it). */
    static final String SCENARIO_LABEL = "skiff.dev/bench";

    private Workloads() {
    }

    static String scenarioOf(String name) {
        return name.replaceFirst("-\\d+$", "");
    }

    /** {@code steps} sequential steps, one pod each. */
    static String chain(String name, int steps) {
        ObjectNode wf = workflow(name);
        ArrayNode groups = template(wf, "main").putArray("steps");
        for (int i = 0; i < steps; i++) {
            groups.addArray().addObject().put("name", "s" + i).put("template", "pod");
        }
        podTemplate(wf);
        return wf.toString();
    }

    /** One step group fanning out to {@code pods} pods ({@code withSequence}). */
    static String fanout(String name, int pods) {
        ObjectNode wf = workflow(name);
        ObjectNode step = template(wf, "main").putArray("steps").addArray().addObject();
        step.put("name", "p").put("template", "pod").putObject("withSequence").put("count", Integer.toString(pods));
        podTemplate(wf);
        return wf.toString();
    }

    /**
     * One step group fanning out to {@code podsPerCluster} pods in each of {@code clusters} ({@code withSequence}
     * per cluster; the first cluster is the workflow's own, the others are named by the template's {@code cluster}).
     */
    static String fanoutAcross(String name, int podsPerCluster, java.util.List<String> clusters) {
        ObjectNode wf = workflow(name);
        ArrayNode group = template(wf, "main").putArray("steps").addArray();
        for (int i = 0; i < clusters.size(); i++) {
            String template = i == 0 ? "pod" : "pod-" + clusters.get(i);
            group.addObject().put("name", "p-" + clusters.get(i)).put("template", template)
                    .putObject("withSequence").put("count", Integer.toString(podsPerCluster));
            if (i == 0) {
                podTemplate(wf);
            } else {
                ObjectNode t = template(wf, template).put("cluster", clusters.get(i));
                ObjectNode container = t.putObject("container").put("image", "alpine");
                container.putArray("command").add("true");
            }
        }
        return wf.toString();
    }

    /** One pod. */
    static String oneStep(String name) {
        ObjectNode wf = workflow(name);
        ((ObjectNode) wf.get("spec")).put("entrypoint", "pod");
        podTemplate(wf);
        return wf.toString();
    }

    /** A step that waits on a suspend template for ever: the workflow stays Running and creates no pod. */
    static String suspended(String name) {
        ObjectNode wf = workflow(name);
        template(wf, "main").putArray("steps").addArray().addObject().put("name", "wait").put("template", "hold");
        template(wf, "hold").putObject("suspend");
        return wf.toString();
    }

    /** A plain pod as the raw create rate uses it: the workflow label and the instant annotation, no controller. */
    static String rawPod(String name) {
        ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata").put("name", name);
        metadata.putObject("labels").put("workflows.argoproj.io/workflow", "raw");
        metadata.putObject("annotations").put(INSTANT_ANNOTATION, "true");
        ObjectNode spec = pod.putObject("spec").put("restartPolicy", "Never");
        spec.putArray("containers").addObject().put("name", "main").put("image", "alpine")
                .putArray("command").add("true");
        return pod.toString();
    }

    private static ObjectNode workflow(String name) {
        ObjectNode wf = JSON.createObjectNode().put("apiVersion", "argoproj.io/v1alpha1").put("kind", "Workflow");
        wf.putObject("metadata").put("name", name).putObject("labels").put(SCENARIO_LABEL, scenarioOf(name));
        ObjectNode spec = wf.putObject("spec").put("entrypoint", "main");
        spec.putObject("podMetadata").putObject("annotations").put(INSTANT_ANNOTATION, "true");
        spec.putArray("templates");
        return wf;
    }

    private static ObjectNode template(ObjectNode wf, String name) {
        return ((ArrayNode) wf.get("spec").get("templates")).addObject().put("name", name);
    }

    private static void podTemplate(ObjectNode wf) {
        ObjectNode container = template(wf, "pod").putObject("container").put("image", "alpine");
        container.putArray("command").add("true");
    }
}
