package dev.skiff.engine.cli;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code skiff run --log}: prints each step's output as it comes, every line prefixed with the pod name, as
 * {@code argo submit --log} and {@code argo logs} print {@code <pod name>: <line>}. Follows the
 * {@code stdout.log} and {@code stderr.log} that the local executor writes in each step's sandbox
 * ({@code <work dir>/<pod name>/}), looking for new lines every {@link #INTERVAL_MILLIS} ms; the last ones,
 * and a last line without a newline, are printed at {@link #close()}.
 */
final class StepLogs implements AutoCloseable {

    static final long INTERVAL_MILLIS = 100;

    private final Path workDir;
    private final PrintStream out;
    /** What is followed: each log file, by the pod it belongs to. */
    private final Map<Path, String> files = new LinkedHashMap<>();
    private final Map<Path, Long> offsets = new LinkedHashMap<>();
    private final Map<Path, ByteArrayOutputStream> partial = new LinkedHashMap<>();
    private final ScheduledExecutorService tail;

    private StepLogs(Path workDir, PrintStream out) {
        this.workDir = workDir;
        this.out = out;
        this.tail = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("skiff-log").unstarted(r));
        tail.scheduleWithFixedDelay(() -> drain(false), INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts following the steps that will run in {@code workDir}, printing to {@code out}. */
    static StepLogs follow(Path workDir, PrintStream out) {
        return new StepLogs(workDir, out);
    }

    /** Follows the pods that started since the last status. */
    void update(WorkflowStatus status) {
        String workflow = NodeTree.root(status).map(NodeStatus::name).orElse("");
        synchronized (this) {
            for (NodeStatus node : status.nodes().values()) {
                if (node.type() == NodeType.POD && node.phase() != NodePhase.PENDING && !workflow.isEmpty()) {
                    String pod = node.podName(workflow);
                    files.putIfAbsent(workDir.resolve(pod).resolve("stdout.log"), pod);
                    files.putIfAbsent(workDir.resolve(pod).resolve("stderr.log"), pod);
                }
            }
        }
    }

    private synchronized void drain(boolean last) {
        for (Map.Entry<Path, String> file : files.entrySet()) {
            ByteArrayOutputStream line = partial.computeIfAbsent(file.getKey(), k -> new ByteArrayOutputStream());
            for (byte[] chunk = read(file.getKey()); chunk.length > 0; chunk = read(file.getKey())) {
                for (byte b : chunk) {
                    if (b == '\n') {
                        print(file.getValue(), line);
                    } else {
                        line.write(b);
                    }
                }
            }
            if (last && line.size() > 0) {
                print(file.getValue(), line);
            }
        }
        out.flush();
    }

    private byte[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new byte[0];
        }
        long offset = offsets.getOrDefault(file, 0L);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= offset) {
                return new byte[0];
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, 1 << 20));
            channel.read(buffer, offset);
            offsets.put(file, offset + buffer.position());
            return java.util.Arrays.copyOf(buffer.array(), buffer.position());
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private void print(String pod, ByteArrayOutputStream line) {
        out.println(pod + ": " + line.toString(StandardCharsets.UTF_8));
        line.reset();
    }

    /** Stops following and prints what is left. Call once the steps ended. */
    @Override
    public void close() {
        tail.shutdownNow();
        try {
            tail.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain(true);
    }
}
