package dev.skiff.testbed;

/**
 * A namespace made for one test, present in every testbed cluster (with its {@code default}
 * ServiceAccount ready) and deleted after the test.
 */
public record TestNamespace(String name) {
    @Override
    public String toString() {
        return name;
    }
}
