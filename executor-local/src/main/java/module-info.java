/** Runs workflow steps as processes on this machine (the embedded default). */
module dev.skiff.executor.local {
    requires dev.skiff.spi;
}
