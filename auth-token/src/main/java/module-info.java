/** Cluster auth by static token, kubeconfig file or in-cluster ServiceAccount. */
module dev.skiff.auth.token {
    requires dev.skiff.spi;
}
