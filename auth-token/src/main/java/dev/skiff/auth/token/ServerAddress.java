package dev.skiff.auth.token;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks an API server address: an absolute https (or http, for tests) URI with a host. */
final class ServerAddress {

    private ServerAddress() {
    }

    static URI parse(String value, String where) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw wrong(value, where);
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw wrong(value, where);
        }
        return uri;
    }

    private static IllegalArgumentException wrong(String value, String where) {
        return new IllegalArgumentException(where + " must be an https URL with a host, such as"
                + " https://10.0.0.1:6443, not '" + value + "'");
    }
}
