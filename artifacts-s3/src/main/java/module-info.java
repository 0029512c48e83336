/** An S3-compatible artifact store (AWS S3, MinIO, Ceph, ...) on the AWS SDK v2, for {@code s3://} locations. */
module dev.skiff.artifacts.s3 {
    requires dev.skiff.spi;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.utils;

    provides dev.skiff.spi.artifact.ArtifactStoreFactory with dev.skiff.artifacts.s3.S3ArtifactStoreFactory;
}
