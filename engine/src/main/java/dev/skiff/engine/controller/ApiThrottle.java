package dev.skiff.engine.controller;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The controller's OkHttp interceptor on every API client it uses: a token bucket (QPS/burst, as client-go's
 * limiter), retries with back-off of requests the server turned away with 429 or a 5xx (honouring
 * {@code Retry-After}), a count of failures by status code, and a gate: while this replica does not lead, no
 * request that changes anything leaves the process.
 */
final class ApiThrottle implements Interceptor {

    private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);
    private static final int ATTEMPTS = 6;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private final TokenBucket bucket;
    private final BooleanSupplier mayWrite;
    private final IntConsumer failures;

    /**
     * @param mayWrite whether writes may go (the leadership gate)
     * @param failures told the status code of every failed response (0 for a transport failure)
     */
    ApiThrottle(TokenBucket bucket, BooleanSupplier mayWrite, IntConsumer failures) {
        this.bucket = bucket;
        this.mayWrite = mayWrite;
        this.failures = failures;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean write = !request.method().equals("GET") && !request.method().equals("HEAD");
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            if (write && !mayWrite.getAsBoolean()) {
                throw new NotLeading();
            }
            pause(bucket.reserve(), TimeUnit.NANOSECONDS);
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                failures.accept(0);
                throw e;
            }
            if (response.code() >= 400) {
                failures.accept(response.code());
            }
            if (!RETRIED.contains(response.code()) || attempt == ATTEMPTS) {
                return response;
            }
            Duration wait = retryAfter(response).orElse(backoff);
            response.close();
            pause(Math.min(wait.toMillis(), LONGEST_WAIT.toMillis()), TimeUnit.MILLISECONDS);
            backoff = backoff.multipliedBy(2);
        }
    }

    /** The response's {@code Retry-After} in seconds, if it has a usable one. */
    static Optional<Duration> retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void pause(long amount, TimeUnit unit) throws IOException {
        if (amount <= 0) {
            return;
        }
        try {
            unit.sleep(amount);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to send a request");
        }
    }

    /** A write was refused because this replica does not lead (any more). */
    static final class NotLeading extends IOException {
        private static final long serialVersionUID = 1L;

        NotLeading() {
            super("not the leader: the write was not sent");
        }
    }
}
