package dev.skiff.engine.cluster;

import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.TokenSource;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Puts the cluster's current bearer token on every request. On a 401 it asks the token source
 * for a new token once and retries the request once; a second 401 is returned as it is.
 * Failures to get a token surface as {@link CredentialsUnavailable} (an {@link IOException}, so
 * OkHttp reports them like any transport failure). A request that is not https gets no token
 * unless plain http was allowed explicitly (a test cluster's {@code insecureSendCredentialsOverHttp}).
 */
final class BearerTokenInterceptor implements Interceptor {

    private final TokenSource tokens;
    private final boolean allowPlainHttp;

    BearerTokenInterceptor(TokenSource tokens, boolean allowPlainHttp) {
        this.tokens = tokens;
        this.allowPlainHttp = allowPlainHttp;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!request.url().isHttps() && !allowPlainHttp) {
            throw new CredentialsUnavailable("refusing to send the bearer token over plain http to "
                    + request.url().host() + ":" + request.url().port() + "; use https", null);
        }
        Response response = chain.proceed(withToken(request, fetch(false)));
        if (response.code() != 401) {
            return response;
        }
        response.close();
        return chain.proceed(withToken(request, fetch(true)));
    }

    private BearerToken fetch(boolean refresh) throws CredentialsUnavailable {
        try {
            return refresh ? tokens.refresh() : tokens.token();
        } catch (ClusterAuthException | IllegalArgumentException e) {
            throw new CredentialsUnavailable(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CredentialsUnavailable("cannot get a token: " + e, e);
        }
    }

    private static Request withToken(Request request, BearerToken token) throws CredentialsUnavailable {
        String value = token.value();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new CredentialsUnavailable("the bearer token has a character that cannot go in an HTTP header"
                        + " (a space, line break, control or non-ASCII character at position " + (i + 1) + " of "
                        + value.length() + "); check the token's source", null);
            }
        }
        return request.newBuilder().header("Authorization", "Bearer " + value).build();
    }

    /** The cluster's credentials could not be had; the message says why. */
    static final class CredentialsUnavailable extends IOException {
        private static final long serialVersionUID = 1L;

        CredentialsUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
