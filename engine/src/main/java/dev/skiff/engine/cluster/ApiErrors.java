package dev.skiff.engine.cluster;

import io.kubernetes.client.openapi.ApiException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Turns API failures into short messages a user can act on (never quoting request headers). */
public final class ApiErrors {

    private static final Pattern ALT_NAMES = Pattern.compile("subjectAltNames: (\\[[^\\]\\n]*\\])");

    private ApiErrors() {
    }

    static String describe(ApiException e) {
        return describe(e, Optional.empty());
    }

    /** As {@link #describe(ApiException)}, and TLS failures say which setting of {@code cluster} fixes them. */
    static String describe(ApiException e, Optional<Cluster> cluster) {
        return switch (e.getCode()) {
            case 0 -> transport(e, cluster);
            case 401 -> "401 Unauthorized: the cluster rejected the credentials (wrong, expired or revoked token,"
                    + " or a certificate it does not trust)";
            case 403 -> "403 Forbidden: the identity lacks RBAC permission for this request";
            case 404 -> "404 Not Found";
            default -> "HTTP " + e.getCode();
        };
    }

    /**
     * A failure to talk to the API server at all (connection refused, TLS, no credentials) as one
     * line: the credentials' own message when a token could not be had, else what went wrong.
     */
    public static String transport(Throwable e) {
        return transport(e, e, Optional.empty());
    }

    private static String transport(ApiException e, Optional<Cluster> cluster) {
        return transport(e, e.getCause(), cluster);
    }

    private static String transport(Throwable e, Throwable first, Optional<Cluster> cluster) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = first; t != null && !chain.contains(t); t = t.getCause()) {
            if (t instanceof BearerTokenInterceptor.CredentialsUnavailable) {
                return t.getMessage();
            }
            chain.add(t);
        }
        if (chain.stream().anyMatch(t -> t instanceof CertificateExpiredException
                || t instanceof CertificateNotYetValidException)) {
            return "the API server's certificate has expired or is not valid yet (check the server's certificate,"
                    + " and this machine's clock)";
        }
        for (Throwable t : chain) {
            String message = Optional.ofNullable(t.getMessage()).orElse("");
            if (t instanceof SSLPeerUnverifiedException && message.startsWith("Hostname ")
                    || message.contains("No subject alternative") || message.contains("No name matching")) {
                return misnamed(message, cluster);
            }
        }
        if (chain.stream().anyMatch(t -> t instanceof CertPathBuilderException
                || t instanceof CertPathValidatorException)) {
            return untrusted(cluster);
        }
        Throwable root = chain.isEmpty() ? e : chain.getLast();
        String message = root.getMessage();
        return "cannot reach the API server: " + root.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String untrusted(Optional<Cluster> cluster) {
        String why = cluster.map(c -> c.credentials().caBundle().isPresent()
                ? ": the CA certificate given for cluster '" + c.name() + "' did not sign it"
                : ": no CA certificate is given for cluster '" + c.name() + "' and the JDK's trust store does not"
                        + " hold its issuer").orElse("");
        return "the API server's certificate is not trusted" + why + "; " + cluster.map(ApiErrors::caHint)
                .orElse("give the cluster's CA certificate in its auth settings");
    }

    private static String misnamed(String message, Optional<Cluster> cluster) {
        Matcher names = ALT_NAMES.matcher(message);
        String host = cluster.map(c -> "'" + c.credentials().server().getHost() + "'").orElse("in the server URL");
        return "the API server's certificate is not valid for host " + host
                + (names.find() ? " (it names " + names.group(1) + ")" : "")
                + "; use a server address the certificate names, or have it reissued with this one";
    }

    private static String caHint(Cluster cluster) {
        try {
            return cluster.provider().caHint();
        } catch (RuntimeException e) {
            return "give the cluster's CA certificate in its auth settings";
        }
    }
}
