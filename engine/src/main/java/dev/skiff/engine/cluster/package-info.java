/** Named clusters: the registry built from config and the cluster secret, and API clients for them. */
package dev.skiff.engine.cluster;
