package dev.skiff.engine.controller;

/** A CronWorkflow in a cluster: the cron work queue's key. */
record CronKey(String cluster, String namespace, String name) {

    @Override
    public String toString() {
        return cluster + "/" + namespace + "/" + name;
    }
}
