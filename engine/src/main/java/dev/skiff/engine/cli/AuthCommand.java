package dev.skiff.engine.cli;

import dev.skiff.engine.plugin.AuthProviderCatalog;
import dev.skiff.engine.plugin.PluginLoader;
import dev.skiff.spi.auth.AuthContext;
import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.ClusterAuthProvider;
import dev.skiff.spi.auth.SecretSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code skiff auth eks-token}: prints an EKS bearer token as a kubectl {@code ExecCredential},
 * made by the {@code eks} auth plugin, so Skiff can replace {@code aws eks get-token} in a
 * kubeconfig's {@code exec} section.
 */
@Command(name = "auth", description = "Credentials for clusters, from Skiff's auth plugins.")
final class AuthCommand implements Runnable {

    /** kubectl refreshes when this much of a token's life is left, like Skiff itself. */
    static final Duration MARGIN = Duration.ofSeconds(60);

    @ParentCommand
    private SkiffMain main;

    @Spec
    private CommandSpec spec;

    /** Without a subcommand: usage, exit 2. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'skiff auth eks-token --help'");
    }

    @Command(name = "eks-token", header = "Print an ExecCredential with a token for an EKS cluster.",
            description = {
                "Prints an ExecCredential (client.authentication.k8s.io/v1beta1) with a token for an EKS cluster,"
                    + " signed with the default AWS credentials chain (EKS Pod Identity, IRSA, environment, profile),"
                    + " after assuming --role-arn when given. Use it as a kubeconfig exec plugin instead of"
                    + " 'aws eks get-token'. Needs the eks plugin under --plugins (default: $SKIFF_HOME/plugins).",
                "Exit codes: 0 printed, 1 no credentials or AWS refused, 2 bad options."})
    int eksToken(
            @Option(names = "--cluster-name", required = true, paramLabel = "NAME", description = "The EKS cluster's name.")
            String clusterName,
            @Option(names = "--region", required = true, paramLabel = "REGION", description = "The cluster's AWS region.")
            String region,
            @Option(names = "--role-arn", paramLabel = "ARN", description = "A role to assume first (cross-account).")
            String roleArn,
            @Option(names = "--external-id", paramLabel = "ID", description = "External id for assuming --role-arn.")
            String externalId,
            @Option(names = "--session-name", paramLabel = "NAME", description = "STS session name (default: skiff).")
            String sessionName,
            @Option(names = "--sts-endpoint", paramLabel = "URL", description = "Where to send AssumeRole (VPC endpoint).")
            String stsEndpoint,
            @Option(names = "--fips", description = "Use FIPS endpoints and a FIPS STS host in the token.")
            boolean fips,
            @Option(names = "--plugins", paramLabel = "DIR", description = "The plugins directory.")
            Path plugins) {
        CliIo io = main.io();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("clusterName", clusterName);
        settings.put("region", region);
        Optional.ofNullable(roleArn).ifPresent(v -> settings.put("roleArn", v));
        Optional.ofNullable(externalId).ifPresent(v -> settings.put("externalId", v));
        Optional.ofNullable(sessionName).ifPresent(v -> settings.put("sessionName", v));
        Optional.ofNullable(stsEndpoint).ifPresent(v -> settings.put("stsEndpoint", v));
        settings.put("fips", fips);

        Path folder = plugins != null ? io.workingDirectory().resolve(plugins) : defaultPlugins(io);
        var catalog = AuthProviderCatalog.of(new PluginLoader().load(folder));
        var eks = catalog.find("eks").orElseThrow(() -> new UserInputException(
                "cannot make EKS tokens: " + catalog.whyMissing("eks") + " (plugins directory " + folder + ")"));
        BearerToken token;
        try (ClusterAuthProvider provider = eks.factory().create(new ClusterAuthConfig(clusterName, settings), context(io))) {
            token = provider.tokens().orElseThrow(() -> new ClusterAuthException("the eks plugin made no token source"))
                    .token();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (ClusterAuthException e) {
            io.err().println("skiff: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        io.out().println(execCredential(token));
        io.out().flush();
        return ExitCodes.OK;
    }

    /** The ExecCredential kubectl reads; it refreshes once {@code expirationTimestamp} has passed. */
    static String execCredential(BearerToken token) {
        String expiry = token.expiresAt().map(at -> ",\"expirationTimestamp\":\"" + refreshAt(at) + "\"").orElse("");
        return "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"spec\":{},"
                + "\"status\":{\"token\":\"" + jsonString(token.value()) + "\"" + expiry + "}}";
    }

    private static Instant refreshAt(Instant expiresAt) {
        return expiresAt.minus(MARGIN).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Path defaultPlugins(CliIo io) {
        return Optional.ofNullable(io.env().get("SKIFF_HOME")).filter(h -> !h.isBlank())
                .map(h -> Path.of(h).resolve("plugins")).orElse(io.workingDirectory().resolve("plugins"));
    }

    private static AuthContext context(CliIo io) {
        System.Logger logger = System.getLogger("dev.skiff.auth");
        return new AuthContext() {
            @Override
            public Clock clock() {
                return io.clock();
            }

            @Override
            public Path configDirectory() {
                return io.workingDirectory();
            }

            @Override
            public SecretSource secrets() {
                return SecretSource.NONE;
            }

            @Override
            public Map<String, String> environment() {
                return io.env();
            }

            @Override
            public System.Logger logger() {
                return logger;
            }
        };
    }
}
