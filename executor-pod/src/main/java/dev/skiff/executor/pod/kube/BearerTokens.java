package dev.skiff.executor.pod.kube;

import dev.skiff.spi.auth.BearerToken;
import dev.skiff.spi.auth.ClusterAuthException;
import dev.skiff.spi.auth.TokenSource;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Puts the cluster's current bearer token on every request; after a 401 it refreshes the token once and retries
 * once (the engine's BearerTokenInterceptor, which this plugin cannot use). A token that cannot be had becomes
 * an {@link IOException} with the provider's message, never the token.
 */
final class BearerTokens implements Interceptor {

    private final TokenSource tokens;

    BearerTokens(TokenSource tokens) {
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

    private BearerToken fetch(boolean refresh) throws IOException {
        try {
            return refresh ? tokens.refresh() : tokens.token();
        } catch (ClusterAuthException | IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("cannot get a token: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Request withToken(Request request, BearerToken token) {
        return request.newBuilder().header("Authorization", "Bearer " + token.value()).build();
    }
}
