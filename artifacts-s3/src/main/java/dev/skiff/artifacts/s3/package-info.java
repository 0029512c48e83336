/**
 * The {@code s3} artifact store: {@link dev.skiff.artifacts.s3.S3Location} reads a location URI,
 * {@link dev.skiff.artifacts.s3.S3Clients} builds one SDK client per endpoint and credentials as Argo's S3 driver
 * chooses them, {@link dev.skiff.artifacts.s3.S3ArtifactStore} transfers files and directories as that driver does.
 */
package dev.skiff.artifacts.s3;
