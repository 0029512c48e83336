package dev.skiff.dist.bench;

/**
 * Limits both controllers get, Argo's defaults: {@code --workflow-workers 32 --qps 20 --burst 30}, Skiff's
 * {@code workers: 32, qps: 20, burst: 30}.
 */
record ClientLimits(int workers, double qps, int burst) {

    static final ClientLimits ARGO_DEFAULTS = new ClientLimits(32, 20, 30);
}
