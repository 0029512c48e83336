/** Cluster-auth providers for static tokens, kubeconfig files and in-cluster ServiceAccounts. */
package dev.skiff.auth.token;
