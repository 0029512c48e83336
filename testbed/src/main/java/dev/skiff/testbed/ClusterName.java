package dev.skiff.testbed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Picks which testbed cluster a {@link TestbedCluster} parameter receives; without it, the first (hub). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ClusterName {
    /** Name of the cluster, e.g. {@code "spoke1"}. */
    String value();
}
