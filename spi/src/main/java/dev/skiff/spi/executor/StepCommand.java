package dev.skiff.spi.executor;

import dev.skiff.spi.Stability;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The main process of a step, with every template tag already resolved.
 *
 * @param image        container image (executors that run host processes ignore it)
 * @param command      entry point; for a script template, the interpreter
 * @param args         arguments after the command
 * @param env          literal environment variables, in declaration order
 * @param workingDir   working directory inside the container, if set
 * @param scriptSource for script templates, the source handed to the interpreter as a file
 *                     appended to the command line
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record StepCommand(
        String image,
        List<String> command,
        List<String> args,
        Map<String, String> env,
        Optional<String> workingDir,
        Optional<String> scriptSource) {

    public StepCommand {
        Objects.requireNonNull(image, "image");
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(scriptSource, "scriptSource");
    }
}
