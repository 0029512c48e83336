/** Cluster auth for Amazon EKS: Pod Identity, STS AssumeRole and EKS tokens. */
module dev.skiff.auth.eks {
    requires dev.skiff.spi;
}
