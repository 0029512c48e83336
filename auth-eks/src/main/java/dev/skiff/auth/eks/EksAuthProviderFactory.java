package dev.skiff.auth.eks;

import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.ClusterAuthProviderFactory;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * The {@code eks} cluster-auth provider: signs EKS tokens with the default AWS credentials chain
 * (EKS Pod Identity in a pod), after assuming {@code roleArn} when set, and learns the cluster's
 * endpoint and CA from DescribeCluster unless the config gives them. See the module's README.
 */
public final class EksAuthProviderFactory implements ClusterAuthProviderFactory {

    /** For {@link java.util.ServiceLoader}. */
    public EksAuthProviderFactory() {
    }

    @Override
    public String name() {
        return "eks";
    }

    @Override
    public Set<String> configKeys() {
        return EksAuthSettings.KEYS;
    }

    @Override
    public ClusterAuthProvider create(ClusterAuthConfig config, AuthContext context) {
        EksAuthSettings settings = EksAuthSettings.parse(config);
        String stsHost = StsTokenHost.of(settings.region(), settings.fips());
        var presigner = new EksTokenPresigner(settings.clusterName(), settings.region(), stsHost, context.clock());
        var clients = new AwsClients(settings);
        SigningCredentials credentials = clients.signingCredentials(context.clock(), context.logger());
        var tokens = new EksTokenSource(config.clusterName(), credentials, presigner::presign, context.clock(), context.logger());
        var describe = new ClusterDescriber(config.clusterName(), settings, () -> clients.eks(credentials), tokens::token);
        context.logger().log(Level.INFO, "cluster '" + config.clusterName() + "': eks auth for EKS cluster '"
                + settings.clusterName() + "' in " + settings.region()
                + settings.roleArn().map(r -> ", assuming " + r + " (session " + settings.sessionName() + ")").orElse("")
                + ", tokens for " + stsHost);
        return new EksAuthProvider(config.clusterName(), settings, tokens, describe, () -> {
            credentials.close();
            clients.close();
        }, context.logger());
    }
}
