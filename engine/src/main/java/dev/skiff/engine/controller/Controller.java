package dev.skiff.engine.controller;

import dev.skiff.engine.config.ControllerConfig;
import dev.skiff.engine.config.ControllerSettings;
import dev.skiff.engine.config.LeaderElectionConfig;
import dev.skiff.engine.config.WorkflowSource;
import dev.skiff.spi.executor.StepExecutor;
import io.kubernetes.client.openapi.ApiClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code skiff controller} in one object: watches per workflow source, the work queue and its workers running
 * {@link WorkflowSync}, leader election gating the syncs, the health/metrics server. Usable in-process (tests
 * start and stop it) and from the command line. The executor is the caller's (it outlives the controller).
 */
public final class Controller implements AutoCloseable {

    private static final Duration WATCH_SILENCE = Duration.ofMinutes(11);

    private final ControllerConfig config;
    private final ControllerSettings settings;
    private final Function<String, ApiClient> clients;
    private final StepExecutor executor;
    private final Clock clock;
    private final String identity;
    private final String namespace;
    private final Function<String, Optional<dev.skiff.engine.cluster.Cluster>> clusters;
    private final ControllerMetrics metrics = new ControllerMetrics();
    private final ClusterOutages outages;
    private final WorkQueue<WorkflowKey> queue;
    private final WorkflowCache cache = new WorkflowCache();
    private final StepReports reports;
    private final List<WorkflowWatch> watches = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, WorkflowApi> apis = new LinkedHashMap<>();
    private WorkflowSync sync;
    private TemplateInformers templates;
    private ConfigMapInformers configMaps;
    private CronScheduler crons;
    private LeaderElector elector;
    private LeaderLoop leaderLoop;
    private HealthServer server;
    private volatile boolean closed;

    private Controller(Builder b) {
        this.config = b.config;
        this.settings = b.config.settings();
        this.clients = b.clients;
        this.executor = b.executor;
        this.clock = b.clock;
        this.identity = b.identity;
        this.namespace = b.namespace;
        this.clusters = b.clusters;
        this.outages = b.outages != null ? b.outages
                : new ClusterOutages(b.clock, b.config.settings().clusterUnreachableTimeout());
        this.queue = new WorkQueue<>(clock);
        this.reports = new StepReports(queue::add);
    }

    public static Builder builder(ControllerConfig config) {
        return new Builder(config);
    }

    /** Starts watching, syncing (once leading) and serving {@code /healthz}, {@code /readyz}, {@code /metrics}. */
    public synchronized void start() throws IOException {
        for (WorkflowSource source : config.workflowSources()) {
            apis.computeIfAbsent(source.cluster(), name -> new WorkflowApi(new KubeJson(client(name, true),
                    WATCH_SILENCE), settings.maxWorkflowSize()));
        }
        ArtifactRepositories repositories = new ArtifactRepositories(cluster -> apis.get(cluster).json(),
                config.workflowSources().getFirst().cluster(), namespace, clock);
        templates = new TemplateInformers(config.workflowSources(), cluster -> apis.get(cluster).json());
        configMaps = new ConfigMapInformers(config.workflowSources(), cluster -> apis.get(cluster).json());
        crons = new CronScheduler(config.workflowSources(), apis, config.instanceId(), clock, cache, this::acting,
                queue::add);
        TargetAccess access = new TargetAccess(clusters, this::readSecret, config.tenants(),
                new TargetAccess.ControllerSecret(dev.skiff.engine.config.ClusterConfig.IN_CLUSTER, namespace,
                        config.clusterSecret().name()));
        sync = new WorkflowSync(clock, cache, queue, reports, executor, apis, repositories, metrics, this::acting,
                templates::forCluster, configMaps::forCluster, access, outages);
        // A cluster lost or back: every workflow looks again (its reconcile decides what that means for its nodes).
        outages.onChange(() -> cache.keys().forEach(queue::add));
        LeaderElectionConfig election = settings.leaderElection();
        if (election.enabled()) {
            elector = new LeaderElector(new KubernetesLeaseStore(client(leaseCluster(), false),
                    election.leaseNamespace().orElse(namespace), leaseName(election)), identity,
                    election.leaseDuration(), election.renewDeadline(), clock);
        }
        metrics.gauges(cache::countByPhase, queue::depth, this::acting);
        server = new HealthServer(settings.port(), () -> !closed, this::ready, metrics);
        for (WorkflowSource source : config.workflowSources()) {
            List<Optional<String>> namespaces = source.namespaces().isEmpty() ? List.of(Optional.empty())
                    : source.namespaces().stream().map(Optional::of).toList();
            for (Optional<String> ns : namespaces) {
                WorkflowWatch watch = new WorkflowWatch(source.cluster(), ns, apis.get(source.cluster()).json(),
                        config.instanceId(), cache, key -> {
                            queue.add(key);
                            crons.workflowChanged(key);
                        }, metrics);
                watches.add(watch);
                spawn("skiff-watch-" + watch.source(), watch);
            }
        }
        for (ObjectWatch watch : templates.watches()) {
            spawn("skiff-watch-" + watch.source(), watch);
        }
        for (ObjectWatch watch : configMaps.watches()) {
            spawn("skiff-watch-" + watch.source(), watch);
        }
        for (ObjectWatch watch : crons.watches()) {
            spawn("skiff-watch-" + watch.source(), watch);
        }
        List<WorkflowWatch> workflowWatches = List.copyOf(watches);
        spawn("skiff-cron", () -> crons.work(workflowWatches));
        for (int i = 0; i < settings.workers(); i++) {
            spawn("skiff-worker-" + i, this::work);
        }
        if (elector != null) {
            leaderLoop = new LeaderLoop(elector, election.retryPeriod(), new LeaderLoop.Listener() {
                @Override
                public void startedLeading() {
                    cache.keys().forEach(queue::add);
                    crons.startedLeading();
                }

                @Override
                public void stoppedLeading() {
                    sync.forgetAll();
                    crons.stoppedLeading();
                }
            });
            leaderLoop.start();
        }
        ControllerLog.info("controller.started", "identity", identity, "workers", settings.workers(), "sources",
                watches.stream().map(WorkflowWatch::source).toList(), "instanceId", config.instanceId(),
                "leaderElection", election.enabled() ? leaseName(election) : "off", "port", server.port());
    }

    /** A secret of a workflow source's cluster (tenant kubeconfigs live in workflow namespaces). */
    private Optional<Map<String, byte[]>> readSecret(String cluster, String ns, String name) {
        WorkflowApi api = apis.get(cluster);
        if (api == null) {
            return Optional.empty();
        }
        try {
            var secret = api.json().get("/api/v1/namespaces/" + ns + "/secrets/" + name, Map.of());
            Map<String, byte[]> data = new LinkedHashMap<>();
            secret.path("data").properties().forEach(e -> data.put(e.getKey(),
                    java.util.Base64.getDecoder().decode(e.getValue().asText(""))));
            return Optional.of(data);
        } catch (ApiFailure e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw new IllegalStateException("the API server answered " + e.code());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("its data is not base64");
        }
    }

    /**
     * Where the lease lives: the controller's own cluster, as Argo's (a hub's controller that serves spokes only
     * takes its lease at home, in its own namespace, not in a spoke); without one (a controller run outside any
     * cluster), the first workflow source's cluster.
     */
    private String leaseCluster() {
        String own = dev.skiff.engine.config.ClusterConfig.IN_CLUSTER;
        if (config.workflowSources().stream().anyMatch(s -> s.cluster().equals(own))) {
            return own;
        }
        try {
            clients.apply(own);
            return own;
        } catch (RuntimeException e) {
            return config.workflowSources().getFirst().cluster();
        }
    }

    private String leaseName(LeaderElectionConfig election) {
        return election.leaseName().orElse(config.instanceId().isEmpty() ? "workflow-controller"
                : "workflow-controller-" + config.instanceId());
    }

    /**
     * A new client for the cluster, rate-limited; {@code gated}: writes only while this replica acts (the lease's
     * own client is not gated: it must write to take, renew and release the lease).
     */
    private ApiClient client(String cluster, boolean gated) {
        ApiClient client = clients.apply(cluster);
        ApiThrottle throttle = new ApiThrottle(new TokenBucket(settings.qps(), settings.burst(), System::nanoTime),
                gated ? this::acting : () -> true, metrics::apiError);
        client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(throttle).build());
        return client;
    }

    private void spawn(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void work() {
        try {
            // As Argo's WaitForCacheSync: no workflow is synced before the templates it may refer to are known.
            templates.awaitSynced();
            configMaps.awaitSynced();
        } catch (InterruptedException e) {
            return;
        }
        while (!closed) {
            Optional<WorkflowKey> next;
            try {
                next = queue.take(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                return;
            }
            if (next.isEmpty()) {
                continue;
            }
            WorkflowKey key = next.get();
            try {
                if (!acting()) {
                    // Not leading: nothing to do (every key is queued again when this replica starts leading).
                    continue;
                }
                sync.sync(key);
                queue.forget(key);
            } catch (ApiFailure f) {
                if (!closed) {
                    ControllerLog.warn("workflow.sync.failed", "workflow", key, "code", f.code(), "message",
                            f.getMessage());
                    queue.addRateLimited(key);
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    ControllerLog.error("workflow.sync.error", "workflow", key, "message", String.valueOf(e));
                    queue.addRateLimited(key);
                }
            } finally {
                queue.done(key);
            }
        }
    }

    /** Whether this replica may act: running, and leading (or leader election is off). */
    public boolean acting() {
        return !closed && (elector == null || elector.isLeading());
    }

    /** Whether every workflow watch has listed once. */
    public boolean ready() {
        return !closed && watches.stream().allMatch(WorkflowWatch::synced) && templates.synced()
                && configMaps.synced()
                && crons.synced();
    }

    /** What the ConfigMap informers hold for workflows of {@code cluster} (for tests). */
    dev.skiff.engine.core.ConfigMapStore configMaps(String cluster) {
        return configMaps.forCluster(cluster);
    }

    /** The object version this replica's session of the workflow holds; empty without one (for tests). */
    Optional<String> sessionVersion(WorkflowKey key) {
        return sync == null ? Optional.empty() : sync.sessionVersion(key);
    }

    /** The next activation armed for a CronWorkflow, if any (for tests). */
    Optional<java.time.Instant> cronArmedAt(CronKey key) {
        return crons == null ? Optional.empty() : crons.armedAt(key);
    }

    /** The CronWorkflow version the cron worker last handled, if any (for tests). */
    Optional<String> cronSeenVersion(CronKey key) {
        return crons == null ? Optional.empty() : crons.seenVersion(key);
    }

    public ControllerMetrics metrics() {
        return metrics;
    }

    /** The port of {@code /healthz}, {@code /readyz} and {@code /metrics}. */
    public int port() {
        return server.port();
    }

    public String identity() {
        return identity;
    }

    /** Stops acting, then watching; releases the lease. Running steps are left to run. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (leaderLoop != null) {
            leaderLoop.close();
        }
        stopThreads();
        ControllerLog.info("controller.stopped", "identity", identity);
    }

    /** Stops at once without releasing the lease, as a killed process would (for tests of restarts). */
    public synchronized void kill() {
        closed = true;
        if (leaderLoop != null) {
            leaderLoop.abandon();
        }
        stopThreads();
    }

    private void stopThreads() {
        watches.forEach(WorkflowWatch::close);
        if (templates != null) {
            templates.close();
        }
        if (configMaps != null) {
            configMaps.close();
        }
        if (crons != null) {
            crons.close();
        }
        queue.shutDown();
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    /** How to build a {@link Controller}. */
    public static final class Builder {
        private final ControllerConfig config;
        private Function<String, ApiClient> clients;
        private StepExecutor executor;
        private Clock clock = Clock.systemUTC();
        private String identity;
        private String namespace;
        private Function<String, Optional<dev.skiff.engine.cluster.Cluster>> clusters = name -> Optional.empty();
        private ClusterOutages outages;

        private Builder(ControllerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            this.identity = config.settings().leaderElection().identity().orElseGet(Builder::defaultIdentity);
            this.namespace = config.namespace().orElse("default");
        }

        /** Makes a new official-client ApiClient for a cluster name (the controller adds its interceptors). */
        public Builder clients(Function<String, ApiClient> clients) {
            this.clients = clients;
            return this;
        }

        /**
         * The registry's clusters by name, for steps outside a workflow's own cluster and namespace (their
         * namespace restriction, server and CA); without it every such step is refused.
         */
        public Builder clusters(Function<String, Optional<dev.skiff.engine.cluster.Cluster>> registry) {
            this.clusters = registry;
            return this;
        }

        /**
         * Where the executor reports which clusters answer (the same object its context hands it); without one the
         * controller keeps its own, which no executor reports to.
         */
        public Builder outages(ClusterOutages reachability) {
            this.outages = reachability;
            return this;
        }

        public Builder executor(StepExecutor executor) {
            this.executor = executor;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** This replica's name in the lease. */
        public Builder identity(String identity) {
            this.identity = identity;
            return this;
        }

        /** The controller's own namespace (where the lease lives unless the config says otherwise). */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Controller build() {
            Objects.requireNonNull(clients, "clients");
            Objects.requireNonNull(executor, "executor");
            if (config.workflowSources().isEmpty()) {
                throw new IllegalArgumentException(config.source() + ": workflowSources is empty; nothing to watch");
            }
            return new Controller(this);
        }

        private static String defaultIdentity() {
            String pod = System.getenv("POD_NAME");
            if (pod != null && !pod.isBlank()) {
                return pod;
            }
            try {
                return java.net.InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
            } catch (java.net.UnknownHostException e) {
                return "skiff-controller-" + ProcessHandle.current().pid();
            }
        }
    }
}
