package dev.skiff.testbed;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Starts and stops the process testbed through the scripts in the repository's testbed/ folder. */
final class ProcessTestbed {
    static final String DIR_PROPERTY = "skiff.testbed.dir";
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(2);
    private static final int BINARIES_MISSING = 3;
    private static final System.Logger LOG = System.getLogger(ProcessTestbed.class.getName());

    private final Path scripts;
    private final Path workdir;

    private ProcessTestbed(Path scripts, Path workdir) {
        this.scripts = scripts;
        this.workdir = workdir;
    }

    /** Finds the scripts (system property {@value #DIR_PROPERTY}, else up from the working directory). */
    static ProcessTestbed locate() {
        Path scripts = Optional.ofNullable(System.getProperty(DIR_PROPERTY))
                .map(Path::of)
                .or(ProcessTestbed::searchUpwards)
                .filter(dir -> Files.isExecutable(dir.resolve("up.sh")))
                .orElseThrow(() -> new TestbedException("cannot find the testbed scripts (testbed/up.sh): set the system"
                        + " property " + DIR_PROPERTY + " or run the tests inside the Skiff repository"));
        String configured = System.getenv("SKIFF_TESTBED_WORKDIR");
        String user = Optional.ofNullable(System.getenv("USER")).orElse(System.getProperty("user.name"));
        Path workdir = Path.of(configured != null && !configured.isBlank() ? configured : "/tmp/skiff-testbed-" + user);
        return new ProcessTestbed(scripts.toAbsolutePath().normalize(), workdir);
    }

    private static Optional<Path> searchUpwards() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("testbed/up.sh"))) {
                return Optional.of(dir.resolve("testbed"));
            }
        }
        return Optional.empty();
    }

    /** The same scripts on another work directory (clusters there never collide with this one's). */
    ProcessTestbed withWorkdir(Path otherWorkdir) {
        return new ProcessTestbed(scripts, otherWorkdir);
    }

    Path workdir() {
        return workdir;
    }

    /** Deletes clusters left by an earlier (killed) run, then starts {@code names}. */
    TestbedClusters start(List<String> names) {
        stop();
        List<String> command = new ArrayList<>(List.of(scripts.resolve("up.sh").toString()));
        command.addAll(names);
        long started = System.nanoTime();
        CommandRun run = CommandRun.of(command, environment(), UP_TIMEOUT);
        if (run.exitCode() == BINARIES_MISSING) {
            throw new TestbedException("the Kubernetes testbed is not built: run " + scripts.resolve("prepare.sh")
                    + " first (about 20 minutes once, then cached), or set SKIFF_TESTBED=skip to skip the tests"
                    + " that need it. " + run.stderr().strip());
        }
        if (!run.succeeded()) {
            stopQuietly();
            throw new TestbedException("testbed/up.sh failed (exit " + run.exitCode() + "):\n" + run.stdout() + run.stderr());
        }
        LOG.log(System.Logger.Level.INFO, "testbed clusters {0} started in {1} ms", names,
                (System.nanoTime() - started) / 1_000_000);
        List<TestbedCluster> clusters = new ArrayList<>();
        for (String name : names) {
            clusters.add(read(workdir.resolve("clusters").resolve(name).resolve("cluster.properties"),
                    scripts.resolve("apiserver.sh"), workdir));
        }
        return new TestbedClusters(clusters);
    }

    /** Stops every cluster of the work directory; fails if a process or port survives. */
    void stop() {
        CommandRun run = CommandRun.of(List.of(scripts.resolve("down.sh").toString()), environment(), DOWN_TIMEOUT);
        if (!run.succeeded()) {
            throw new TestbedException("testbed/down.sh failed (exit " + run.exitCode() + "):\n" + run.stdout() + run.stderr());
        }
    }

    void stopQuietly() {
        try {
            stop();
        } catch (TestbedException e) {
            LOG.log(System.Logger.Level.WARNING, "stopping the testbed failed: {0}", e.getMessage());
        }
    }

    private Map<String, String> environment() {
        return Map.of("SKIFF_TESTBED_WORKDIR", workdir.toString());
    }

    private static TestbedCluster read(Path file, Path apiServerScript, Path workdir) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
            String name = required(p, "name", file);
            return new TestbedCluster(name,
                    URI.create(required(p, "server", file)),
                    Path.of(required(p, "kubeconfig", file)),
                    Files.readString(Path.of(required(p, "caFile", file))),
                    readTokens(Path.of(required(p, "tokenFile", file))),
                    Integer.parseInt(required(p, "webhookPort", file)),
                    URI.create(required(p, "webhookUrl", file)),
                    Optional.of(Path.of(required(p, "kubectl", file))),
                    Optional.of(kubelet(p, file)),
                    Optional.of(new ApiServerSwitch(apiServerScript, workdir, name)));
        } catch (IOException | RuntimeException e) {
            throw new TestbedException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ProcessKubelet kubelet(Properties p, Path file) {
        String controller = p.getProperty("workflowController", "").strip();
        return new ProcessKubelet(Integer.parseInt(required(p, "kubeletPort", file)),
                Path.of(required(p, "kubeletLog", file)),
                Path.of(required(p, "kubeletStateDir", file)),
                Path.of(required(p, "kubeletCgroup", file)),
                Boolean.parseBoolean(required(p, "kubeletInstant", file)),
                required(p, "argoVersion", file),
                Path.of(required(p, "argoexec", file)),
                required(p, "executorImage", file),
                controller.isEmpty() ? Optional.empty() : Optional.of(Path.of(controller)));
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new TestbedException(file + " has no '" + key + "'");
        }
        return value.strip();
    }

    /** Reads kube-apiserver's static token file: {@code token,user,uid,"groups"} per line. */
    static Map<String, String> readTokens(Path file) throws IOException {
        Map<String, String> byUser = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.split(",", 3);
            if (fields.length >= 2) {
                byUser.put(fields[1].strip(), fields[0].strip());
            }
        }
        return byUser;
    }
}
