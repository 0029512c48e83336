/** Cluster auth by static token, kubeconfig file or in-cluster ServiceAccount. */
module dev.skiff.auth.token {
    requires dev.skiff.spi;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;

    provides dev.skiff.spi.auth.ClusterAuthProviderFactory with
            dev.skiff.auth.token.StaticTokenAuthFactory,
            dev.skiff.auth.token.KubeconfigAuthFactory,
            dev.skiff.auth.token.InClusterAuthFactory;
}
