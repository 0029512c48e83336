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
 * OkHttp reports them like any transport failure).
 */
final class BearerTokenInterceptor implements Interceptor {

    private final TokenSource tokens;

    BearerTokenInterceptor(TokenSource tokens) {
        this.tokens = tokens;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
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

    private static Request withToken(Request request, BearerToken token) {
        return request.newBuilder().header("Authorization", "Bearer " + token.value()).build();
    }

    /** The cluster's credentials could not be had; the message says why. */
    static final class CredentialsUnavailable extends IOException {
        private static final long serialVersionUID = 1L;

        CredentialsUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
