/**
 * Skiff's service provider interface: the contracts between the engine and its plugins
 * (step executors, cluster-auth providers, artifact stores). JDK types only.
 */
module dev.skiff.spi {
    exports dev.skiff.spi;
    exports dev.skiff.spi.executor;
    exports dev.skiff.spi.auth;
    exports dev.skiff.spi.artifact;
}
