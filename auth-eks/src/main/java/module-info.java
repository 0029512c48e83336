/**
 * Cluster auth for Amazon EKS: the default AWS credentials chain (which covers EKS Pod Identity),
 * an optional cross-account STS AssumeRole, DescribeCluster, and {@code k8s-aws-v1.} tokens.
 */
module dev.skiff.auth.eks {
    requires dev.skiff.spi;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.endpoints;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.auth.aws;
    requires software.amazon.awssdk.http.auth.spi;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.services.eks;
    requires software.amazon.awssdk.services.sts;
    requires software.amazon.awssdk.utils;

    provides dev.skiff.spi.auth.ClusterAuthProviderFactory with dev.skiff.auth.eks.EksAuthProviderFactory;
}
