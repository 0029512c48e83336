package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import dev.skiff.spi.auth.ClusterCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an executor needs to start one step.
 *
 * @param ref           the step's deterministic id and target
 * @param workflowName  name of the workflow the step belongs to
 * @param workflowNamespace namespace of that workflow (empty when run locally)
 * @param nodeId        Argo node id of the step
 * @param nodeName      Argo node name of the step
 * @param templateName  template the step runs
 * @param command       the main process
 * @param outputFiles   output parameters to read from files when the process ends
 * @param deadline      how long the step may run before it is killed, if limited
 * @param labels        labels the executor puts on what it creates (pods)
 * @param annotations   annotations likewise
 * @param podSpec       the template's pod-related fields as a JSON-like tree of maps, lists,
 *                      strings, numbers and booleans ({@code container}/{@code script},
 *                      {@code volumes}, {@code nodeSelector}, ...), with the workflow-level pod
 *                      fields it inherits; executors that do not build pods ignore it
 * @param inputArtifacts  files and directories to place before the main process starts, in
 *                        declaration order (empty for steps without input artifacts)
 * @param outputArtifacts files and directories to save when the main process ended, in
 *                        declaration order; each is reported in {@link StepOutcome#outputArtifacts()}
 * @param workflowUid   the workflow object's uid (empty when run locally)
 * @param template      the whole template as Argo's controller hands it to Argo's executor
 *                      ({@code ARGO_TEMPLATE}): every tag resolved, input parameters dropped, input
 *                      artifacts and outputs kept; a JSON-like tree like {@code podSpec}
 * @param includeScriptOutput whether the caller reads the step's stdout as {@code outputs.result}
 *                      (Argo's {@code ARGO_INCLUDE_SCRIPT_OUTPUT})
 * @param workflowDeadline when the workflow's own deadline passes, if it has one (Argo's
 *                      {@code ARGO_DEADLINE}); exit handlers get none
 * @param workflowCluster the cluster the workflow object lives in, as the shell resolved it; empty when
 *                      unknown (then a target in the workflow's namespace counts as the workflow's own
 *                      place). Pod executors own pods by the Workflow only where it lives.
 * @param credentials   the identity to create what the step needs (its pod) with, when the engine decided it
 *                      (a tenant's user for another namespace or cluster, with the cluster's server and CA); empty
 *                      means the executor's own credentials for the target cluster. Watching, stopping and cleaning
 *                      up stay with the executor's own. Its {@code toString} shows no secret.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record StepRequest(
        StepRef ref,
        String workflowName,
        String workflowNamespace,
        String nodeId,
        String nodeName,
        String templateName,
        StepCommand command,
        List<OutputFile> outputFiles,
        Optional<Duration> deadline,
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, Object> podSpec,
        List<InputArtifact> inputArtifacts,
        List<OutputArtifact> outputArtifacts,
        String workflowUid,
        Map<String, Object> template,
        boolean includeScriptOutput,
        Optional<Instant> workflowDeadline,
        String workflowCluster,
        Optional<ClusterCredentials> credentials) {

    public StepRequest {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(workflowName, "workflowName");
        Objects.requireNonNull(workflowNamespace, "workflowNamespace");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(templateName, "templateName");
        Objects.requireNonNull(command, "command");
        outputFiles = List.copyOf(outputFiles);
        Objects.requireNonNull(deadline, "deadline");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        podSpec = Collections.unmodifiableMap(new LinkedHashMap<>(podSpec));
        inputArtifacts = List.copyOf(inputArtifacts);
        outputArtifacts = List.copyOf(outputArtifacts);
        Objects.requireNonNull(workflowUid, "workflowUid");
        template = Collections.unmodifiableMap(new LinkedHashMap<>(template));
        Objects.requireNonNull(workflowDeadline, "workflowDeadline");
        Objects.requireNonNull(workflowCluster, "workflowCluster");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** A request without credentials of its own (the signature before they were added). */
    public StepRequest(StepRef ref, String workflowName, String workflowNamespace, String nodeId, String nodeName,
                       String templateName, StepCommand command, List<OutputFile> outputFiles,
                       Optional<Duration> deadline, Map<String, String> labels, Map<String, String> annotations,
                       Map<String, Object> podSpec, List<InputArtifact> inputArtifacts,
                       List<OutputArtifact> outputArtifacts, String workflowUid, Map<String, Object> template,
                       boolean includeScriptOutput, Optional<Instant> workflowDeadline, String workflowCluster) {
        this(ref, workflowName, workflowNamespace, nodeId, nodeName, templateName, command, outputFiles, deadline,
                labels, annotations, podSpec, inputArtifacts, outputArtifacts, workflowUid, template,
                includeScriptOutput, workflowDeadline, workflowCluster, Optional.empty());
    }

    /** A request without the workflow's cluster (the signature before it was added). */
    public StepRequest(StepRef ref, String workflowName, String workflowNamespace, String nodeId, String nodeName,
                       String templateName, StepCommand command, List<OutputFile> outputFiles,
                       Optional<Duration> deadline, Map<String, String> labels, Map<String, String> annotations,
                       Map<String, Object> podSpec, List<InputArtifact> inputArtifacts,
                       List<OutputArtifact> outputArtifacts, String workflowUid, Map<String, Object> template,
                       boolean includeScriptOutput, Optional<Instant> workflowDeadline) {
        this(ref, workflowName, workflowNamespace, nodeId, nodeName, templateName, command, outputFiles, deadline,
                labels, annotations, podSpec, inputArtifacts, outputArtifacts, workflowUid, template,
                includeScriptOutput, workflowDeadline, "");
    }

    /** A request without the fields of Argo's executor protocol (the signature before they were added). */
    public StepRequest(StepRef ref, String workflowName, String workflowNamespace, String nodeId, String nodeName,
                       String templateName, StepCommand command, List<OutputFile> outputFiles,
                       Optional<Duration> deadline, Map<String, String> labels, Map<String, String> annotations,
                       Map<String, Object> podSpec, List<InputArtifact> inputArtifacts,
                       List<OutputArtifact> outputArtifacts) {
        this(ref, workflowName, workflowNamespace, nodeId, nodeName, templateName, command, outputFiles, deadline,
                labels, annotations, podSpec, inputArtifacts, outputArtifacts, "", Map.of(), false, Optional.empty());
    }

    /** A request without artifacts (the signature before artifacts were added). */
    public StepRequest(StepRef ref, String workflowName, String workflowNamespace, String nodeId, String nodeName,
                       String templateName, StepCommand command, List<OutputFile> outputFiles,
                       Optional<Duration> deadline, Map<String, String> labels, Map<String, String> annotations,
                       Map<String, Object> podSpec) {
        this(ref, workflowName, workflowNamespace, nodeId, nodeName, templateName, command, outputFiles, deadline,
                labels, annotations, podSpec, List.of(), List.of());
    }

    /** The same request aimed at another target (the shell resolves the workflow's own cluster and namespace). */
    public StepRequest withTarget(StepTarget target) {
        return new StepRequest(new StepRef(ref.stepId(), target), workflowName, workflowNamespace, nodeId, nodeName,
                templateName, command, outputFiles, deadline, labels, annotations, podSpec, inputArtifacts,
                outputArtifacts, workflowUid, template, includeScriptOutput, workflowDeadline, workflowCluster,
                credentials);
    }

    /** The same request with the workflow's cluster filled in (the shell knows it; the core does not). */
    public StepRequest withWorkflowCluster(String cluster) {
        return new StepRequest(ref, workflowName, workflowNamespace, nodeId, nodeName, templateName, command,
                outputFiles, deadline, labels, annotations, podSpec, inputArtifacts, outputArtifacts, workflowUid,
                template, includeScriptOutput, workflowDeadline, cluster, credentials);
    }

    /** The same request with the identity to create the step's pod with. */
    public StepRequest withCredentials(Optional<ClusterCredentials> identity) {
        return new StepRequest(ref, workflowName, workflowNamespace, nodeId, nodeName, templateName, command,
                outputFiles, deadline, labels, annotations, podSpec, inputArtifacts, outputArtifacts, workflowUid,
                template, includeScriptOutput, workflowDeadline, workflowCluster, identity);
    }
}
