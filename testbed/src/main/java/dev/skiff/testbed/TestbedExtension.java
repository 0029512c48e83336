package dev.skiff.testbed;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link Testbed}. The first test class that uses it starts the clusters;
 * they live in the root store, so every later class of the same run shares them, and JUnit stops
 * them when the run ends. Clusters: {@code hub spoke1 spoke2}, or the comma-separated names in the
 * system property or environment variable {@value #CLUSTERS_PROPERTY} / {@code SKIFF_TESTBED_CLUSTERS}.
 * With {@code SKIFF_TESTBED=skip} the tests are skipped (aborted) and say why.
 */
public final class TestbedExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    public static final String CLUSTERS_PROPERTY = "skiff.testbed.clusters";
    private static final List<String> DEFAULT_CLUSTERS = List.of("hub", "spoke1", "spoke2");
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(TestbedExtension.class);

    /** Starts the shared clusters before the first class needs them (not when skipping). */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (TestbedMode.fromEnvironment() != TestbedMode.SKIP) {
            running(context);
        }
    }

    /** With SKIFF_TESTBED=skip, each test is reported skipped with the reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
        assumeNotSkipped();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestbedClusters.class || type == TestbedCluster.class || type == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        TestbedClusters clusters = running(context).clusters();
        if (type == TestbedClusters.class) {
            return clusters;
        }
        if (type == TestbedCluster.class) {
            return parameter.findAnnotation(ClusterName.class)
                    .map(name -> clusters.cluster(name.value()))
                    .orElseGet(clusters::hub);
        }
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a TestNamespace belongs to one test: declare it on a test,"
                    + " @BeforeEach or @AfterEach method, not on " + parameter.getDeclaringExecutable());
        }
        String testName = context.getRequiredTestMethod().getName();
        return context.getStore(STORE)
                .getOrComputeIfAbsent(NamespaceLease.class, k -> NamespaceLease.create(testName, clusters),
                        NamespaceLease.class)
                .namespace();
    }

    /** The shared testbed of this test run, started on first use. */
    static RunningTestbed running(ExtensionContext context) {
        TestbedMode mode = assumeNotSkipped();
        List<String> names = clusterNames();
        return context.getRoot().getStore(STORE)
                .getOrComputeIfAbsent(RunningTestbed.class, k -> RunningTestbed.start(mode, names), RunningTestbed.class);
    }

    private static TestbedMode assumeNotSkipped() {
        TestbedMode mode = TestbedMode.fromEnvironment();
        Assumptions.assumeFalse(mode == TestbedMode.SKIP,
                "SKIFF_TESTBED=skip: tests that need the Kubernetes testbed are skipped");
        return mode;
    }

    static List<String> clusterNames() {
        return Optional.ofNullable(System.getProperty(CLUSTERS_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv("SKIFF_TESTBED_CLUSTERS")))
                .filter(value -> !value.isBlank())
                .map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(DEFAULT_CLUSTERS);
    }
}
