package dev.skiff.engine.cluster;

import dev.skiff.engine.config.ClusterConfig;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterCredentials;
import java.util.Optional;

/**
 * A usable named cluster.
 *
 * @param name             its name
 * @param origin           config, cluster secret, or the implicit local cluster
 * @param managedNamespace the only namespace allowed there; empty means any
 * @param authType         the auth provider's name
 * @param pluginFolder     the plugin folder the provider comes from
 * @param provider         the provider (calls are guarded)
 * @param credentials      its credentials as the provider gave them at start-up
 */
public record Cluster(String name, ClusterConfig.Origin origin, Optional<String> managedNamespace, String authType,
        String pluginFolder, ClusterAuthProvider provider, ClusterCredentials credentials) {

    /** The server's host and port, as the start-up log shows it. */
    public String serverHost() {
        var server = credentials.server();
        return server.getPort() < 0 ? server.getHost() : server.getHost() + ":" + server.getPort();
    }

    /** The start-up log line; holds no secret. Says so loudly when credentials go over plain http. */
    public String logLine() {
        return "cluster=" + name + " managedNamespace=" + managedNamespace.orElse("*") + " server=" + serverHost()
                + " auth=" + authType + (credentials.plainHttp() ? " plainHttp=true"
                        + (credentials.insecureSendCredentialsOverHttp() ? " (" + ClusterCredentials.INSECURE_HTTP_KEY
                                + ": credentials go unencrypted; for test clusters only)" : "") : "");
    }

    @Override
    public String toString() {
        return "Cluster[" + logLine() + "]";
    }
}
