/** Runs workflow steps as processes on this machine (the embedded default executor). */
module dev.skiff.executor.local {
    requires dev.skiff.spi;

    provides dev.skiff.spi.executor.StepExecutorFactory
            with dev.skiff.executor.local.LocalExecutorFactory;
}
