package dev.skiff.dist.bench;

import dev.skiff.testbed.StandaloneTestbed;
import dev.skiff.testbed.TestbedCluster;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./dev bench controller [--only skiff|argo] [--full] [--json FILE]}: starts a testbed cluster ({@code hub}
 * in {@code SKIFF_TESTBED_WORKDIR}; also {@code spoke1} and {@code spoke2} for the multi-cluster fan-out), runs
 * every scenario against Skiff's controller and Argo's workflow-controller (see {@link BenchRun}), prints one table and stops the cluster. Exit codes: 0 measured, 1 a scenario failed,
 * 2 bad arguments or missing binaries.
 */
public final class ControllerBenchmark {

    private static final String USAGE = "usage: ./dev bench controller [--only skiff|argo] [--full | --tiny]"
            + " [--json FILE] [--scenario chain|fanout|multicluster|throughput|running]...";

    /** Parsed command line. */
    record Arguments(BenchSize size, Set<Contender> contenders, Set<String> scenarios, Optional<Path> json) {

        static Arguments parse(List<String> args) {
            BenchSize size = BenchSize.REDUCED;
            Set<Contender> contenders = EnumSet.allOf(Contender.class);
            Optional<Path> json = Optional.empty();
            Set<String> scenarios = new java.util.LinkedHashSet<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--full" -> size = BenchSize.FULL;
                    case "--tiny" -> size = BenchSize.TINY;
                    case "--only", "--json", "--scenario" -> {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        String value = args.get(++i);
                        if (arg.equals("--json")) {
                            json = Optional.of(Path.of(value));
                        } else if (arg.equals("--scenario")) {
                            if (!BenchRun.SCENARIOS.contains(value)) {
                                throw new IllegalArgumentException("--scenario takes one of " + BenchRun.SCENARIOS
                                        + ", not '" + value + "'");
                            }
                            scenarios.add(value);
                        } else {
                            contenders = EnumSet.of(contender(value));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            return new Arguments(size, contenders, scenarios.isEmpty() ? Set.copyOf(BenchRun.SCENARIOS)
                    : Set.copyOf(scenarios), json);
        }

        private static Contender contender(String value) {
            for (Contender c : Contender.values()) {
                if (c.key().equals(value)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("--only takes skiff or argo, not '" + value + "'");
        }
    }

    private ControllerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Arguments arguments;
        try {
            arguments = Arguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isExecutable(SkiffControllerProcess.home().resolve("bin/skiff"))) {
            System.err.println("bench: no distribution at " + SkiffControllerProcess.home() + " (./dev build)");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("skiff-bench-");
        boolean spokes = arguments.scenarios().contains(BenchRun.MULTICLUSTER)
                && arguments.contenders().contains(Contender.SKIFF);
        try (StandaloneTestbed testbed = StandaloneTestbed.start(spokes ? List.of("hub", "spoke1", "spoke2")
                : List.of("hub"))) {
            TestbedCluster hub = testbed.clusters().hub();
            if (arguments.contenders().contains(Contender.ARGO) && ArgoControllerProcess.binary(hub).isEmpty()) {
                System.err.println("bench: Argo's workflow-controller is not built: testbed/prepare.sh"
                        + " --with-workflow-controller");
                System.exit(2);
            }
            long start = System.nanoTime();
            BenchRun run = new BenchRun(hub, spokes ? List.of(testbed.clusters().cluster("spoke1"),
                    testbed.clusters().cluster("spoke2")) : List.of(), arguments.size(), ClientLimits.ARGO_DEFAULTS, arguments.contenders(),
                    arguments.scenarios(), dir, System.err);
            BenchFigures figures = run.run();
            figures.about("duration_s", Math.round((System.nanoTime() - start) / 1e9));
            out.printf("%nController benchmark (%s size; Argo %s; workers %d, qps %.0f, burst %d for both):%n%n",
                    arguments.size().name(), hub.kubelet().orElseThrow().argoVersion(),
                    ClientLimits.ARGO_DEFAULTS.workers(), ClientLimits.ARGO_DEFAULTS.qps(),
                    ClientLimits.ARGO_DEFAULTS.burst());
            out.print(figures.table());
            if (arguments.json().isPresent()) {
                Files.writeString(arguments.json().get(), figures.json());
                out.println("\nfigures written to " + arguments.json().get());
            }
            out.println("controller logs: " + dir);
            if (!run.failures().isEmpty()) {
                out.println("\nNOT measured (see above): " + String.join("; ", run.failures()));
                System.exit(1);
            }
        } catch (BenchException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }
}
