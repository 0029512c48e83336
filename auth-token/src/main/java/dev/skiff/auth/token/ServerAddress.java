package dev.skiff.auth.token;

import dev.skiff.spi.auth.ClusterCredentials;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks an API server address: an absolute https URI with a host, without user information,
 * query or fragment. Plain http only when the cluster sets the test flag
 * {@code insecureSendCredentialsOverHttp}. No message quotes the address (it may hold a secret).
 */
final class ServerAddress {

    private ServerAddress() {
    }

    static URI parse(String value, String where, boolean allowPlainHttp) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw wrong(where, "is not a valid URL (bad character at position " + (e.getIndex() + 1) + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            throw wrong(where, "must start with https://");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new IllegalArgumentException(where + " must not hold user information (user:password@ before the"
                    + " host); give credentials in their own settings");
        }
        if (uri.getHost() == null) {
            throw wrong(where, "has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(where + " must not have a query (?...) or fragment (#...)");
        }
        if (scheme.equalsIgnoreCase("http") && !allowPlainHttp) {
            throw new IllegalArgumentException(where + " is plain http, which would send the credentials"
                    + " unencrypted; use https (for a test cluster only: auth key "
                    + ClusterCredentials.INSECURE_HTTP_KEY + ": true)");
        }
        return uri;
    }

    private static IllegalArgumentException wrong(String where, String what) {
        return new IllegalArgumentException(where + " " + what + ": give an https URL with a host, such as"
                + " https://10.0.0.1:6443");
    }
}
