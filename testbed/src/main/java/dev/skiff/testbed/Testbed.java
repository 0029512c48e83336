package dev.skiff.testbed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against the shared Kubernetes testbed: the clusters start once per
 * test run (JVM) and stop when it ends. Test methods and constructors may declare parameters of
 * type {@link TestbedClusters}, {@link TestbedCluster} (optionally with {@link ClusterName}) and
 * {@link TestNamespace}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(TestbedExtension.class)
public @interface Testbed {
}
