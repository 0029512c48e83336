package dev.skiff.engine.controller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.testbed.TestbedCluster;

/** {@link TestingWorkflows} for tests in other packages. */
public final class TestingWorkflowsAccess {

    public static final String STEPS = ControllerIT.STEPS;

    private final TestingWorkflows workflows;

    public TestingWorkflowsAccess(TestbedCluster cluster) {
        this.workflows = new TestingWorkflows(cluster);
    }

    public void create(String namespace, String yaml) throws ApiFailure {
        workflows.create(namespace, yaml);
    }

    public JsonNode awaitFinished(String namespace, String name) {
        return workflows.awaitFinished(namespace, name);
    }
}
