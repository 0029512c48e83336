package dev.skiff.engine.bench;

import dev.skiff.engine.model.Workflow;
import dev.skiff.engine.model.WorkflowCodec;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.engine.run.WorkflowRunner;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times the engine alone: {@link WorkflowRunner} with an executor whose steps end at once, for a wide
 * {@code withSequence} fan-out and a long {@code depends} chain of 100, 1,000 and 10,000 no-op nodes.
 * Prints wall time and reconciles per second. Goal: 10,000 nodes in under 5 s, 10k/1k time ratio at most 12.
 * Run with {@code ./dev bench}.
 */
public final class EngineBenchmark {

    private static final int[] SIZES = {100, 1_000, 10_000};

    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (args.length > 2) {
            Result one = run(args[1], Integer.parseInt(args[2]));
            out.printf("%s %d: %.1f ms, %d reconciles%n", args[1], one.nodes, one.millis, one.reconciles);
            return;
        }
        warmUp();
        out.printf("%-10s %8s %8s %12s %14s %10s%n", "shape", "nodes", "pods", "wall ms", "reconciles/s", "reconciles");
        for (String shape : List.of("fan-out", "chain")) {
            double oneK = 0;
            for (int n : SIZES) {
                Result best = null;
                for (int r = 0; r < rounds; r++) {
                    System.gc();
                    Result result = run(shape, n);
                    if (best == null || result.millis < best.millis) {
                        best = result;
                    }
                }
                out.printf("%-10s %8d %8d %12.1f %14.0f %10d%n", shape, best.nodes, best.pods, best.millis,
                        best.reconciles / (best.millis / 1000.0), best.reconciles);
                if (n == 1_000) {
                    oneK = best.millis;
                } else if (n == 10_000) {
                    out.printf("%-10s 10k/1k time ratio: %.1f (goal <= 12); 10k wall %.2f s (goal < 5 s)%n", shape,
                            best.millis / oneK, best.millis / 1000.0);
                }
            }
        }
    }

    /** Lets the JIT compile the hot paths (and the heap grow) before anything is measured. */
    private static void warmUp() throws Exception {
        for (int i = 0; i < 5; i++) {
            run("fan-out", 1_000);
            run("chain", 1_000);
        }
        for (int i = 0; i < 2; i++) {
            run("fan-out", 10_000);
            run("chain", 10_000);
        }
    }

    private record Result(int nodes, int pods, double millis, int reconciles) {
    }

    private static Result run(String shape, int n) throws Exception {
        Workflow wf = WorkflowCodec.read(shape.equals("chain") ? chain(n) : fanOut(n), shape + ".yaml");
        InstantExecutor executor = new InstantExecutor(Clock.systemUTC());
        WorkflowRunner runner = new WorkflowRunner(executor, Clock.systemUTC(), new Random(1));
        long start = System.nanoTime();
        Workflow done = runner.run(wf, Map.of(), status -> { });
        double millis = (System.nanoTime() - start) / 1e6;
        var status = done.status().orElseThrow();
        if (status.phase() != WorkflowPhase.SUCCEEDED) {
            throw new IllegalStateException(shape + " " + n + " ended " + status.phase() + ": " + status.message());
        }
        return new Result(status.nodes().size(), executor.started(), millis, runner.reconciles());
    }

    /** One steps template whose only step loops over {@code withSequence} n times. */
    static String fanOut(int n) {
        return """
                metadata: {generateName: fan-out-}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: work, template: noop, arguments: {parameters: [{name: i, value: "{{item}}"}]},
                             withSequence: {count: "%d"}}
                    - name: noop
                      inputs: {parameters: [{name: i}]}
                      container: {image: alpine, command: ["true"], args: ["{{inputs.parameters.i}}"]}
                """.formatted(n);
    }

    /** A DAG of n tasks, each depending on the one before. */
    static String chain(int n) {
        StringBuilder tasks = new StringBuilder();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(i == 0 ? "          - {name: t0, template: noop}"
                    : "          - {name: t" + i + ", template: noop, depends: t" + (i - 1) + "}");
        }
        tasks.append(String.join("\n", lines));
        return """
                metadata: {generateName: chain-}
                spec:
                  entrypoint: main
                  templates:
                    - name: noop
                      container: {image: alpine, command: ["true"]}
                    - name: main
                      dag:
                        tasks:
                %s
                """.formatted(tasks);
    }
}
