package dev.skiff.engine.kube;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Response;

/**
 * A streaming response read line by line. {@link #close()} may be called from another thread to
 * end a blocked {@link #next()}, which then reports the end of the stream.
 */
public final class LineStream implements AutoCloseable {

    private final Call call;
    private final Response response;
    private final BufferedReader reader;
    private final Function<IOException, KubeApiException> broken;

    LineStream(Call call, Response response, Function<IOException, KubeApiException> broken) {
        this.call = call;
        this.response = response;
        this.broken = broken;
        this.reader = new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8));
    }

    /**
     * The next line; empty at the end of the stream or after {@link #close()}.
     *
     * @throws KubeApiException when the connection broke while reading (not after close)
     */
    public Optional<String> next() {
        try {
            return Optional.ofNullable(reader.readLine());
        } catch (IOException e) {
            if (call.isCanceled()) {
                return Optional.empty();
            }
            throw broken.apply(e);
        }
    }

    @Override
    public void close() {
        call.cancel();
        response.close();
    }
}
