/** The {@code eks} cluster-auth provider: AWS credentials in, EKS bearer tokens out. */
package dev.skiff.auth.eks;
