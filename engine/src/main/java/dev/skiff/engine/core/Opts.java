package dev.skiff.engine.core;

import dev.skiff.engine.model.NodeFlag;
import java.time.Instant;
import java.util.Optional;

/**
 * Argo's executeTemplateOpts plus the owner used for dirty tracking.
 *
 * @param boundaryId        id of the Steps/DAG node the new node belongs to
 * @param onExit            whether the node runs as (part of) an exit handler
 * @param nodeFlag          flag of the new node
 * @param ownerId           node whose visit walks this node (for dirty propagation); "" for top level
 * @param executionDeadline deadline inherited from a retry back-off's maxDuration
 */
record Opts(String boundaryId, boolean onExit, Optional<NodeFlag> nodeFlag, String ownerId,
            Optional<Instant> executionDeadline) {

    static Opts top() {
        return new Opts("", false, Optional.empty(), "", Optional.empty());
    }

    Opts withFlag(Optional<NodeFlag> flag) {
        return new Opts(boundaryId, onExit, flag, ownerId, executionDeadline);
    }

    Opts withOwner(String owner) {
        return new Opts(boundaryId, onExit, nodeFlag, owner, executionDeadline);
    }

    Opts withDeadline(Optional<Instant> deadline) {
        return new Opts(boundaryId, onExit, nodeFlag, ownerId, deadline);
    }
}
