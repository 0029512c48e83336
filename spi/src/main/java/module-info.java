/**
 * Skiff's service provider interface: the contracts between the engine and its plugins
 * (step executors and cluster-auth providers). JDK types only.
 */
module dev.skiff.spi {
    exports dev.skiff.spi;
    exports dev.skiff.spi.executor;
    exports dev.skiff.spi.auth;
}
