package dev.skiff.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.controller.CompressedNodes;
import dev.skiff.engine.core.Decision;
import dev.skiff.engine.core.Observation;
import dev.skiff.engine.core.Reconciliation;
import dev.skiff.engine.core.WorkflowAdmission;
import dev.skiff.engine.core.WorkflowReconciler;
import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.spi.executor.StepOutcome;
import dev.skiff.spi.executor.StepPhase;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Issue 12's scenario 6 without a cluster: what one controller sync costs for a fan-out of 1,000, 5,000 and 10,000
 * nodes, split as the controller spends it (reconcile; status snapshot and its JSON tree; the JSON bytes; the nodes
 * gzip+base64-compressed into {@code status.compressedNodes} when the object is above 1 MiB, as Argo's packer and
 * Skiff's status writer do), and the size of the write. The steps end {@value #BATCH} at a time, one batch per
 * sync. Per-sync cost linear in the nodes means the ratio 10k/1k is about 10 (100 would be O(n²) per sync).
 * Run with {@code ./dev bench status [rounds]}.
 */
public final class StatusBenchmark {

    /** Steps ending per sync (a controller drains the pod events that arrived while it wrote the last status). */
    static final int BATCH = 100;
    private static final int[] SIZES = {1_000, 5_000, 10_000};
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusBenchmark() {
    }

    /**
     * Mean per sync, in ms: reconcile, status snapshot as a JSON tree, the write's bytes as the status writer makes
     * them ({@link CompressedNodes#encode}) and as it made them before (the whole object serialised to learn its
     * size, then the nodes serialised again into gzip, then the object again); the largest write in bytes.
     */
    private record Result(int nodes, int syncs, double reconcileMs, double treeMs, double encodeMs,
                          double encodeBeforeMs, long plainBytes, long writtenBytes, boolean compressed) {

        double totalMs() {
            return reconcileMs + treeMs + encodeMs;
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        run(1_000);
        run(5_000);
        out.printf("%8s %6s %12s %10s %10s %12s %10s %12s %12s %s%n", "nodes", "syncs", "reconcile ms", "tree ms",
                "encode ms", "(before) ms", "sync ms", "plain bytes", "write bytes", "");
        Result oneK = null;
        for (int n : SIZES) {
            Result best = null;
            for (int r = 0; r < rounds; r++) {
                System.gc();
                Result result = run(n);
                if (best == null || result.totalMs() < best.totalMs()) {
                    best = result;
                }
            }
            out.printf("%8d %6d %12.1f %10.1f %10.1f %12.1f %10.1f %12d %12d %s%n", best.nodes, best.syncs,
                    best.reconcileMs, best.treeMs, best.encodeMs, best.encodeBeforeMs, best.totalMs(), best.plainBytes,
                    best.writtenBytes, best.compressed ? "compressedNodes" : "nodes");
            if (n == 1_000) {
                oneK = best;
            } else if (oneK != null) {
                out.printf("%8s per-sync ratio %dk/1k: %.1f (nodes x%d)%n", "", n / 1000,
                        best.totalMs() / oneK.totalMs(), n / 1000);
            }
        }
    }

    private static Result run(int n) {
        Instant now = Instant.now();
        Workflow wf = WorkflowAdmission.admit(WorkflowCodec.read(EngineBenchmark.fanOut(n), "fan-out.yaml"), Map.of(),
                now, new Random(1));
        WorkflowReconciler reconciler = WorkflowReconciler.of(wf);
        List<String> started = new ArrayList<>();
        for (Decision d : reconciler.reconcile(List.of(), now).decisions()) {
            if (d instanceof Decision.StartStep start) {
                started.add(start.request().nodeId());
            }
        }
        if (started.size() != n) {
            throw new IllegalStateException("the fan-out of " + n + " started " + started.size() + " steps");
        }
        long reconcile = 0;
        long tree = 0;
        long encode = 0;
        long encodeBefore = 0;
        long plainMax = 0;
        long writtenMax = 0;
        boolean compressed = false;
        int syncs = 0;
        for (int from = 0; from < n; from += BATCH) {
            Optional<Instant> at = Optional.of(now);
            List<Observation> batch = new ArrayList<>();
            for (String node : started.subList(from, Math.min(n, from + BATCH))) {
                batch.add(new Observation.StepObserved(node, new StepOutcome(StepPhase.SUCCEEDED, OptionalInt.of(0),
                        Optional.of(""), Map.of(), "", at, at)));
            }
            long t0 = System.nanoTime();
            Reconciliation result = reconciler.reconcile(batch, now);
            long t1 = System.nanoTime();
            ObjectNode document = WorkflowCodec.toTree(wf);
            document.set("status", WorkflowCodec.statusTree(reconciler.status()));
            long t1b = System.nanoTime();
            ObjectNode copy = document.deepCopy();
            t1 += System.nanoTime() - t1b;
            long t2 = System.nanoTime();
            CompressedNodes.Encoded encoded = CompressedNodes.encode(document);
            long t3 = System.nanoTime();
            byte[] plain = bytes(copy);
            if (plain.length > CompressedNodes.DEFAULT_MAX_WORKFLOW_SIZE) {
                ObjectNode status = (ObjectNode) copy.get("status");
                status.put("compressedNodes", CompressedNodes.compress(status.remove("nodes")));
                bytes(copy);
            }
            long t4 = System.nanoTime();
            if (!encoded.fits()) {
                throw new IllegalStateException("the fan-out of " + n + " does not fit in a write");
            }
            long written = encoded.bytes().length;
            compressed |= encoded.compressed();
            if (!result.changed()) {
                throw new IllegalStateException("a batch of ended steps changed nothing");
            }
            reconcile += t1 - t0;
            tree += t2 - t1;
            encode += t3 - t2;
            encodeBefore += t4 - t3;
            plainMax = Math.max(plainMax, plain.length);
            writtenMax = Math.max(writtenMax, written);
            syncs++;
        }
        if (reconciler.phase() != WorkflowPhase.SUCCEEDED) {
            throw new IllegalStateException("the fan-out of " + n + " ended " + reconciler.phase());
        }
        return new Result(n, syncs, reconcile / 1e6 / syncs, tree / 1e6 / syncs, encode / 1e6 / syncs,
                encodeBefore / 1e6 / syncs, plainMax, writtenMax, compressed);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
