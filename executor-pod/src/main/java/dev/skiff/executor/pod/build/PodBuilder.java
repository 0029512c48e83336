package dev.skiff.executor.pod.build;

import dev.skiff.executor.pod.json.GoJson;
import dev.skiff.executor.pod.json.JsonTree;
import dev.skiff.spi.executor.StepRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a step's pod as Argo v4.1.2 does (podBuilder.build in {@code workflow/controller/workflowpod.go}, legacy
 * layout): the same steps in the same order, so that labels, annotations, containers, mounts and environment
 * match. Pure: no I/O, the clock passed in.
 */
public final class PodBuilder {

    private PodBuilder() {
    }

    public static BuiltPod build(StepRequest request, PodSettings settings, Instant now) throws PodBuildException {
        PodTemplate tmpl = new PodTemplate(request);
        Refusals.check(request, tmpl);

        Map<String, Object> main = mainContainer(request, settings, tmpl);
        main.put("name", ArgoNames.MAIN);
        if (tmpl.hasScriptSource()) {
            ContainerFields.mutableList(main, "args").add(ArgoNames.SCRIPT_PATH);
        }
        Optional<Long> deadline = activeDeadlineSeconds(request, now, main);

        Map<String, Object> metadata = PodMetadata.of(request, settings);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("restartPolicy", "Never");
        List<Object> volumes = new ArrayList<>();
        volumes.add(ContainerFields.emptyDirVolume(ArgoNames.VOLUME_VAR_RUN_ARGO));
        volumes.add(ContainerFields.emptyDirVolume(ArgoNames.VOLUME_TMP_DIR));
        volumes.addAll(tmpl.templateVolumes());
        spec.put("volumes", volumes);
        deadline.ifPresent(s -> spec.put("activeDeadlineSeconds", s));
        copyIfSet(tmpl, spec, "imagePullSecrets", "imagePullSecrets");
        JsonTree.bool(tmpl.field("hostNetwork")).ifPresent(b -> spec.put("hostNetwork", b));
        copyIfSet(tmpl, spec, "dnsPolicy", "dnsPolicy");
        copyIfSet(tmpl, spec, "dnsConfig", "dnsConfig");

        Map<String, Object> template = ExecutorTemplate.of(tmpl);
        ServiceAccounts.apply(tmpl, spec);

        List<Object> containers = new ArrayList<>();
        Map<String, Object> wait = null;
        if (tmpl.hasWaitContainer()) {
            wait = ExecutorContainers.waitContainer(request, settings, tmpl.kind());
            containers.add(wait);
        }
        containers.add(main);
        spec.put("containers", containers);
        ContainerFields.mutableObject(metadata, "annotations").put(ArgoNames.ANNOTATION_DEFAULT_CONTAINER, ArgoNames.MAIN);
        Map<String, Object> init = ExecutorContainers.init(request, settings, tmpl.kind());
        List<Object> inits = new ArrayList<>(List.of(init));
        spec.put("initContainers", inits);

        Scheduling.apply(tmpl, spec);
        PodMetadata.addTemplateMetadata(tmpl, metadata);
        copyIfSet(tmpl, spec, "podResources", "resources");
        copyIfSet(tmpl, spec, "resourceClaims", "resourceClaims");

        List<Map<String, Object>> templateInits = userContainers(tmpl.initContainers());
        List<Map<String, Object>> sidecars = userContainers(tmpl.sidecars());
        PodVolumes.addReferenced(tmpl, spec, templateInits, sidecars);
        PodVolumes.addArtifactSecrets(template, spec, wait, init, main);
        PodVolumes.addInputArtifacts(tmpl, spec, init, main);
        if (tmpl.kind() == PodTemplate.Kind.SCRIPT) {
            PodVolumes.addScriptStaging(spec, init, main);
        }
        addMirrored(tmpl.initContainers(), templateInits, main, inits);
        addMirrored(tmpl.sidecars(), sidecars, main, containers);
        PodVolumes.mirrorMainMounts(castAll(containers));
        for (Map<String, Object> c : castAll(inits)) {
            ContainerFields.addMount(c, ContainerFields.mount(ArgoNames.VOLUME_VAR_RUN_ARGO, ArgoNames.VAR_RUN_ARGO));
        }

        String templateJson = GoJson.write(template);
        List<Map<String, Object>> argoEnv = ArgoEnv.common(request);
        for (Map<String, Object> c : castAll(inits)) {
            ContainerFields.addEnv(c, ArgoNames.ENV_CONTAINER_NAME, ContainerFields.name(c));
            ContainerFields.addEnv(c, ArgoNames.ENV_TEMPLATE, templateJson);
            argoEnv.forEach(e -> ContainerFields.env(c).add(new LinkedHashMap<>(e)));
        }
        for (Map<String, Object> c : castAll(containers)) {
            ContainerFields.addEnv(c, ArgoNames.ENV_CONTAINER_NAME, ContainerFields.name(c));
            argoEnv.forEach(e -> ContainerFields.env(c).add(new LinkedHashMap<>(e)));
        }

        PodSpecPatch.apply(spec, PodSpecPatch.patches(tmpl.field("podSpecPatch")));

        List<Map<String, Object>> finalContainers = ContainerFields.objects(spec, "containers");
        Object grace = spec.get("terminationGracePeriodSeconds");
        for (int i = 0; i < finalContainers.size(); i++) {
            Map<String, Object> c = finalContainers.get(i);
            if (!ArgoNames.isArgoSidecar(ContainerFields.name(c))) {
                Emissary.wrap(c, settings.images());
            }
            if (settings.executorImage().equals(JsonTree.text(c.get("image")))) {
                Map<String, Object> tmp = ContainerFields.mount(ArgoNames.VOLUME_TMP_DIR, "/tmp");
                tmp.put("subPath", String.valueOf(i));
                ContainerFields.addMount(c, tmp);
            }
            ContainerFields.addMount(c, ContainerFields.mount(ArgoNames.VOLUME_VAR_RUN_ARGO, ArgoNames.VAR_RUN_ARGO));
            if (grace instanceof Number n) {
                ContainerFields.addEnv(c, ArgoNames.ENV_TERMINATION_GRACE, String.valueOf(n.longValue()));
            }
        }

        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("metadata", metadata);
        pod.put("spec", spec);
        Optional<Map<String, Object>> configMap = TemplateOffload.apply(pod, PodMetadata.offloadMetadata(request, metadata));
        return new BuiltPod(pod, configMap);
    }

    /**
     * Main: the template's container (script: without its source), or for resource and data templates argoexec
     * itself (executeResource: {@code argoexec resource <action>}; executeData: {@code argoexec data <json>}).
     */
    private static Map<String, Object> mainContainer(StepRequest request, PodSettings settings, PodTemplate tmpl)
            throws PodBuildException {
        return switch (tmpl.kind()) {
            case CONTAINER, SCRIPT -> tmpl.mainContainer();
            case RESOURCE -> {
                String action = JsonTree.text(tmpl.resource().get("action"));
                if (action.isEmpty()) {
                    throw new PodBuildException("template " + request.templateName() + ": resource.action is"
                            + " required");
                }
                yield ExecutorContainers.resourceMain(request, settings, action);
            }
            case DATA -> ExecutorContainers.dataMain(request, settings, GoJson.write(tmpl.data()));
        };
    }

    /**
     * The pod's activeDeadlineSeconds: the request's deadline, but never past the workflow's deadline (Argo gives
     * the pod exactly the seconds left); none for a template being debugged. Throws when the workflow deadline
     * already passed (Argo creates no pod).
     */
    static Optional<Long> activeDeadlineSeconds(StepRequest request, Instant now, Map<String, Object> main)
            throws PodBuildException {
        Long seconds = request.deadline().map(Duration::getSeconds).orElse(null);
        if (seconds != null && seconds <= 0) {
            throw PodBuildException.ofDeadlinePassed();
        }
        if (request.workflowDeadline().isPresent()) {
            long left = Duration.between(now, request.workflowDeadline().get()).getSeconds();
            if (left <= 0) {
                throw PodBuildException.ofDeadlinePassed();
            }
            seconds = seconds == null ? left : Math.min(seconds, left);
        }
        for (Object e : JsonTree.list(main.get("env"))) {
            String name = JsonTree.text(JsonTree.object(e).get("name"));
            if (name.equals("ARGO_DEBUG_PAUSE_BEFORE") || name.equals("ARGO_DEBUG_PAUSE_AFTER")) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(seconds);
    }

    /** Template init containers and sidecars as containers (Argo's UserContainer minus mirrorVolumeMounts). */
    private static List<Map<String, Object>> userContainers(List<Map<String, Object>> declared) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : declared) {
            Map<String, Object> copy = JsonTree.copyObject(c);
            copy.remove("mirrorVolumeMounts");
            out.add(copy);
        }
        return out;
    }

    /** addInitContainers / addSidecars: appended, with main's mounts copied when mirrorVolumeMounts is set. */
    private static void addMirrored(List<Map<String, Object>> declared, List<Map<String, Object>> containers,
                                    Map<String, Object> main, List<Object> target) {
        for (int i = 0; i < declared.size(); i++) {
            Map<String, Object> c = containers.get(i);
            if (JsonTree.bool(declared.get(i).get("mirrorVolumeMounts")).orElse(false)) {
                for (Object m : JsonTree.list(main.get("volumeMounts"))) {
                    ContainerFields.addMount(c, JsonTree.copyObject(m));
                }
            }
            target.add(c);
        }
    }

    private static void copyIfSet(PodTemplate tmpl, Map<String, Object> spec, String from, String to) {
        Object value = tmpl.field(from);
        if (value == null || (value instanceof String s && s.isEmpty())
                || (value instanceof List<?> l && l.isEmpty())) {
            return;
        }
        spec.put(to, JsonTree.copy(value));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castAll(List<Object> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        list.forEach(o -> out.add((Map<String, Object>) o));
        return out;
    }

    /** Whether the step's pod lives where its Workflow does (same cluster and namespace), so the Workflow owns it. */
    public static boolean ownedByWorkflow(StepRequest request) {
        return PodMetadata.ownedByWorkflow(request);
    }
}
