package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.util.Objects;

/**
 * An output parameter read from a file when the step ends ({@code valueFrom.path}).
 *
 * @param name the output parameter's name
 * @param path the path as the template wrote it (inside the container)
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record OutputFile(String name, String path) {

    public OutputFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
