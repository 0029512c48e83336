package dev.skiff.auth.eks;

import dev.skiff.spi.auth.ClusterAuthConfig;
import dev.skiff.spi.auth.ClusterCredentials;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of one EKS cluster, checked.
 *
 * @param clusterName the EKS cluster's name (signed into every token as {@code x-k8s-aws-id})
 * @param region      the AWS region of the cluster, e.g. {@code eu-west-1}
 * @param roleArn     a role to assume (usually in the cluster's account) before anything else
 * @param externalId  the external id the role's trust policy asks for
 * @param sessionName the STS session name of the assumed role
 * @param endpoint    the API server; empty means DescribeCluster tells
 * @param caPem       PEM certificates of the API server's CA; empty means DescribeCluster tells
 * @param stsEndpoint where to send AssumeRole instead of the regional STS endpoint
 * @param eksEndpoint where to send DescribeCluster instead of the regional EKS endpoint
 * @param fips        use FIPS endpoints (STS, EKS and the token's host)
 * @param insecureSendCredentialsOverHttp allow plain http for the API server and for non-loopback
 *                    STS and EKS endpoints (test clusters only)
 */
record EksAuthSettings(
        String clusterName,
        String region,
        Optional<String> roleArn,
        Optional<String> externalId,
        String sessionName,
        Optional<URI> endpoint,
        Optional<byte[]> caPem,
        Optional<URI> stsEndpoint,
        Optional<URI> eksEndpoint,
        boolean fips,
        boolean insecureSendCredentialsOverHttp) {

    static final Set<String> KEYS = Set.copyOf(new LinkedHashSet<>(java.util.List.of(
            "clusterName", "region", "roleArn", "externalId", "sessionName", "endpoint", "caData",
            "stsEndpoint", "eksEndpoint", "fips", ClusterCredentials.INSECURE_HTTP_KEY)));

    static final String DEFAULT_SESSION_NAME = "skiff";

    private static final Pattern CLUSTER_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    EksAuthSettings {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(sessionName, "sessionName");
        caPem = caPem.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> caPem() {
        return caPem.map(byte[]::clone);
    }

    /** Reads and checks the keys under {@code auth:}; a wrong one names itself and the cluster. */
    static EksAuthSettings parse(ClusterAuthConfig config) {
        var reader = new Reader(config);
        for (String key : config.settings().keySet()) {
            if (!KEYS.contains(key)) {
                throw reader.bad(key, "is not a key of the eks provider (known keys: " + String.join(", ", sortedKeys()) + ")");
            }
        }
        String clusterName = reader.required("clusterName", CLUSTER_NAME, "the EKS cluster's name, e.g. spoke-prod");
        String region = reader.required("region", REGION, "an AWS region such as eu-west-1");
        Optional<String> roleArn = reader.optional("roleArn", ROLE_ARN, "an IAM role ARN such as arn:aws:iam::111122223333:role/skiff-spoke");
        Optional<String> externalId = reader.optional("externalId", EXTERNAL_ID, "2 to 1224 characters of letters, digits and +=,.@:/-");
        Optional<String> sessionName = reader.optional("sessionName", SESSION_NAME, "2 to 64 characters of letters, digits and +=,.@_-");
        if (roleArn.isEmpty() && (externalId.isPresent() || sessionName.isPresent())) {
            String key = externalId.isPresent() ? "externalId" : "sessionName";
            throw reader.bad(key, "only applies when roleArn is set: add roleArn or remove " + key);
        }
        boolean plainHttp = reader.bool(ClusterCredentials.INSECURE_HTTP_KEY);
        return new EksAuthSettings(clusterName, region, roleArn, externalId,
                sessionName.orElse(DEFAULT_SESSION_NAME),
                reader.uri("endpoint", false, plainHttp), reader.caData(), reader.uri("stsEndpoint", true, plainHttp),
                reader.uri("eksEndpoint", true, plainHttp), reader.bool("fips"), plainHttp);
    }

    private static java.util.List<String> sortedKeys() {
        return KEYS.stream().sorted().toList();
    }

    @Override
    public String toString() {
        return "EksAuthSettings[clusterName=" + clusterName + ", region=" + region + ", roleArn="
                + roleArn.orElse("-") + ", endpoint=" + endpoint.map(URI::toString).orElse("-") + ", fips=" + fips + "]";
    }

    /** Reads typed values out of the settings tree, with errors that name cluster and key. */
    private record Reader(ClusterAuthConfig config) {

        IllegalArgumentException bad(String key, String problem) {
            return new IllegalArgumentException("cluster '" + config.clusterName() + "', auth type eks: key '" + key + "' " + problem);
        }

        private Optional<String> string(String key) {
            Object value = config.settings().get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof String s)) {
                throw bad(key, "must be a string, not " + value.getClass().getSimpleName());
            }
            return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
        }

        String required(String key, Pattern pattern, String expected) {
            return optional(key, pattern, expected).orElseThrow(() -> bad(key, "is required: set it to " + expected));
        }

        Optional<String> optional(String key, Pattern pattern, String expected) {
            Optional<String> value = string(key);
            value.ifPresent(v -> {
                if (!pattern.matcher(v).matches()) {
                    throw bad(key, "has the value '" + v + "', which is not " + expected);
                }
            });
            return value;
        }

        /**
         * An https URL; plain http only with the test flag, or, for the AWS endpoints
         * ({@code loopbackHttp}), to a loopback address (a local emulator, as the AWS SDK allows
         * for the Pod Identity agent). Never quotes the value.
         */
        Optional<URI> uri(String key, boolean loopbackHttp, boolean plainHttp) {
            return string(key).map(v -> {
                URI uri;
                try {
                    uri = new URI(v);
                } catch (java.net.URISyntaxException e) {
                    throw bad(key, "is not a URL (bad character at position " + (e.getIndex() + 1) + ")");
                }
                String scheme = uri.getScheme();
                if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")
                        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw bad(key, "must not hold user information (user:password@), a query or a fragment");
                }
                if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null) {
                    throw bad(key, "must be an https URL with a host, e.g. https://example.com");
                }
                if ("http".equals(scheme) && !plainHttp && !(loopbackHttp && isLoopback(uri.getHost()))) {
                    String flag = "for a test cluster only: " + ClusterCredentials.INSECURE_HTTP_KEY + ": true";
                    throw bad(key, loopbackHttp
                            ? "is plain http, so AWS's answers (credentials, the cluster's CA) would travel unprotected;"
                                    + " use https (plain http is allowed only to a loopback address; " + flag + ")"
                            : "is plain http, which would send the bearer token unencrypted; use https (" + flag + ")");
                }
                return uri;
            });
        }

        private static boolean isLoopback(String host) {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
        }

        Optional<byte[]> caData() {
            return string("caData").map(v -> {
                byte[] pem;
                try {
                    pem = Base64.getMimeDecoder().decode(v);
                } catch (IllegalArgumentException e) {
                    throw bad("caData", "is not base64; give the base64 of the CA's PEM certificate (as in a kubeconfig's certificate-authority-data)");
                }
                if (!new String(pem, java.nio.charset.StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
                    throw bad("caData", "does not decode to a PEM certificate; give the base64 of the CA's PEM certificate");
                }
                return pem;
            });
        }

        boolean bool(String key) {
            Object value = config.settings().get(key);
            return switch (value) {
                case null -> false;
                case Boolean b -> b;
                case String s when s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") -> Boolean.parseBoolean(s);
                default -> throw bad(key, "must be true or false");
            };
        }
    }
}
