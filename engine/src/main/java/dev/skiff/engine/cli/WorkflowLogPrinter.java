package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.kube.KubeApiException;
import dev.skiff.engine.kube.KubeResources;
import dev.skiff.engine.kube.LineStream;
import dev.skiff.engine.kube.WatchEvent;
import dev.skiff.engine.kube.WatchStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The logs of a workflow's pods as {@code argo logs} prints them: pods found by the label
 * {@code workflows.argoproj.io/workflow=<name>} in each place the workflow's pods ran ({@link PodPlace}: its own
 * namespace, and the clusters/namespaces its templates named), pods still Pending skipped, each line
 * {@code <pod>: <content>}; all lines ordered by time, or with {@code follow} printed as they come until the workflow
 * is done. A pod whose log cannot be read, or a place the CLI cannot reach, is reported on stderr and the others
 * are still printed.
 */
final class WorkflowLogPrinter {

    static final String WORKFLOW_LABEL = "workflows.argoproj.io/workflow";
    private static final int WATCH_SECONDS = 300;

    private final WorkflowApi api;
    private final CliIo io;
    private final LogOptions options;
    private final List<PodPlace> places;
    private final AtomicBoolean failed = new AtomicBoolean();

    WorkflowLogPrinter(WorkflowApi api, CliIo io, LogOptions options, List<PodPlace> places) {
        this.api = api;
        this.io = io;
        this.options = options;
        this.places = List.copyOf(places);
    }

    /** Whether some pod's log could not be read. */
    boolean failed() {
        return failed.get();
    }

    /** Prints what the pods have logged so far, ordered by time. */
    void printOnce(String workflowName) {
        List<LogLine> lines = new ArrayList<>();
        for (PodPlace place : places) {
            Optional<KubeResources.Listing> pods = listPods(place, workflowName);
            if (pods.isEmpty()) {
                continue;
            }
            for (ObjectNode pod : startedPods(pods.get().items())) {
                String name = pod.path("metadata").path("name").asText();
                read(place, name, false, lines::add);
            }
        }
        lines.sort(LogLine.BY_TIME);
        lines.forEach(this::print);
        io.out().flush();
    }

    /** Prints lines as the pods log them until the workflow is done; returns its final version. */
    ObjectNode follow(String workflowName) {
        Set<String> streamed = new HashSet<>();
        List<Thread> streams = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        List<WatchStream> open = new ArrayList<>();
        List<Thread> watches = new ArrayList<>();
        for (PodPlace place : places) {
            Consumer<JsonNode> ensureStreaming = pod -> {
                String name = pod.path("metadata").path("name").asText();
                synchronized (streamed) {
                    if (!isPending(pod) && streamed.add(place.where() + "/" + name)) {
                        streams.add(Thread.ofVirtual().name("skiff-log-" + name)
                                .start(() -> read(place, name, true, this::print)));
                    }
                }
            };
            Optional<KubeResources.Listing> pods = listPods(place, workflowName);
            if (pods.isEmpty()) {
                continue;
            }
            startedPods(pods.get().items()).forEach(ensureStreaming);
            watches.add(Thread.ofVirtual().name("skiff-log-pods").start(() ->
                    watchPods(place, workflowName, pods.get().resourceVersion(), ensureStreaming, done, open)));
        }
        ObjectNode last;
        try {
            last = new WorkflowWatcher(api).untilDone(workflowName, wf -> { });
        } finally {
            done.set(true);
            synchronized (open) {
                open.forEach(WatchStream::close);
            }
        }
        watches.forEach(WorkflowLogPrinter::join);
        List<Thread> started;
        synchronized (streamed) {
            started = List.copyOf(streams);
        }
        started.forEach(WorkflowLogPrinter::join);
        io.out().flush();
        return last;
    }

    private void watchPods(PodPlace place, String workflowName, String fromVersion,
            Consumer<JsonNode> ensureStreaming, AtomicBoolean done, List<WatchStream> open) {
        String version = fromVersion;
        ClusterConnection connection = place.connection().get();
        while (!done.get()) {
            try (WatchStream events = connection.pods().watch(connection.namespace(), selector(place),
                    fieldSelector(), version, WATCH_SECONDS)) {
                synchronized (open) {
                    if (done.get()) {
                        return;
                    }
                    open.add(events);
                }
                Optional<WatchEvent> event;
                while ((event = events.next()).isPresent()) {
                    if ("ERROR".equals(event.get().type())) {
                        version = "";
                        break;
                    }
                    version = event.get().resourceVersion();
                    if (!"DELETED".equals(event.get().type()) && !"BOOKMARK".equals(event.get().type())) {
                        ensureStreaming.accept(event.get().object());
                    }
                }
            } catch (KubeApiException e) {
                if (!done.get()) {
                    io.err().println("skiff: watching the pods of " + workflowName + " in " + place.where() + ": "
                            + e.getMessage());
                    failed.set(true);
                }
                return;
            }
        }
    }

    /** The workflow's pods in the place; empty (reported) when the place cannot be reached. */
    private Optional<KubeResources.Listing> listPods(PodPlace place, String workflowName) {
        try {
            ClusterConnection connection = place.connection().get();
            return Optional.of(api.call(() -> connection.pods().list(connection.namespace(), selector(place),
                    fieldSelector())));
        } catch (CommandFailedException | KubeApiException | UserInputException e) {
            failed.set(true);
            io.err().println("skiff: pods of " + workflowName + " in " + place.where() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private String selector(PodPlace place) {
        return place.selector() + (options.selector().isEmpty() ? "" : "," + options.selector());
    }

    private String fieldSelector() {
        return options.pod().map(p -> "metadata.name=" + p).orElse("");
    }

    /** Pods past Pending, in the order they started. */
    private static List<ObjectNode> startedPods(List<ObjectNode> pods) {
        return pods.stream().filter(p -> !isPending(p))
                .sorted(Comparator.comparing(p -> p.path("status").path("startTime").asText("~"))).toList();
    }

    private static boolean isPending(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.isEmpty() || "Pending".equals(phase);
    }

    private void read(PodPlace place, String pod, boolean follow, Consumer<LogLine> sink) {
        OptionalLong tail = options.tailLines();
        ClusterConnection connection = place.connection().get();
        try (LineStream log = connection.logs().open(connection.namespace(), pod, options.container(), follow,
                tail)) {
            Optional<String> line;
            while ((line = log.next()).isPresent()) {
                LogLine parsed = LogLine.parse(pod, line.get(), options.timestamps(), io.clock().instant());
                if (options.grep().map(rx -> rx.matcher(parsed.content()).find()).orElse(true)) {
                    sink.accept(parsed);
                }
            }
        } catch (KubeApiException e) {
            failed.set(true);
            io.err().println("skiff: logs of pod " + pod + " (container " + options.container() + ") in "
                    + place.where() + ": " + e.getMessage());
        }
    }

    private void print(LogLine line) {
        synchronized (io.out()) {
            io.out().println(line.text());
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
