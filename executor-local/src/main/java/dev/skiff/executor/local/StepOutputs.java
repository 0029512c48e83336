package dev.skiff.executor.local;

import dev.skiff.spi.artifact.ArtifactStore;
import dev.skiff.spi.executor.ArtifactOutcome;
import dev.skiff.spi.executor.OutputArtifact;
import dev.skiff.spi.executor.OutputFile;
import dev.skiff.spi.executor.StepRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a step's output parameters and saves its output artifacts once its process ended: from the sandbox,
 * else, for a path the step did not write there, from the host where the host may stand for the image:
 * <ul>
 * <li>never for a path with {@code ..} (what it names would depend on where the work directory is), nor for
 *     a parameter with a {@code default} (Argo would use the default: the image has no such file);</li>
 * <li>a file an image ships ({@link ImageFiles}: {@code /etc/os-release}, {@code /usr/share/...});</li>
 * <li>a file in {@code /tmp} or {@code /var/tmp} written since the step started (the template built the path
 *     at run time, so it was not mapped into the sandbox); an older one is another run's leftover.</li>
 * </ul>
 * Nothing else: not {@code /proc}, {@code /sys}, {@code /dev}, the user's home, {@code /etc/passwd}.
 *
 * @param request   the step
 * @param sandbox   its sandbox
 * @param startedAt when its process started
 * @param logger    for what was taken from the host (debug)
 */
record StepOutputs(StepRequest request, StepSandbox sandbox, Instant startedAt, System.Logger logger) {

    /** Each output file that exists, one trailing newline trimmed, by parameter name. */
    Map<String, String> parameters() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (OutputFile output : request.outputFiles()) {
            Path mapped = sandbox.hostPath(output, workingDir());
            Optional<Path> file = Files.isRegularFile(mapped) ? Optional.of(mapped)
                    : fromHost(output.path(), hasDefault(output.name()), "output " + output.name()).filter(Files::isRegularFile);
            if (file.isPresent()) {
                values.put(output.name(), StdoutTail.parameterValue(file.get()));
            }
        }
        return values;
    }

    /** Saves every output artifact that exists, whatever the exit code, as Argo's wait container does. */
    List<ArtifactOutcome> artifacts(WorkDirectory work, Function<String, Optional<ArtifactStore>> stores)
            throws IOException {
        List<ArtifactOutcome> saved = new ArrayList<>();
        for (OutputArtifact output : request.outputArtifacts()) {
            Path source = sandbox.hostPath(output.path(), workingDir());
            if (!Files.exists(source)) {
                source = fromHost(output.path(), false, "output artifact " + output.name()).orElse(source);
            }
            saved.add(ArtifactFiles.save(output, source, work, stores));
        }
        return saved;
    }

    private Optional<String> workingDir() {
        return request.command().workingDir();
    }

    private Optional<Path> fromHost(String declared, boolean hasDefault, String what) throws IOException {
        if (hasDefault || List.of(declared.split("/")).contains("..") || !declared.trim().startsWith("/")) {
            return Optional.empty();
        }
        String path = SandboxPathMapping.absolute(declared, Optional.empty());
        Path literal = Path.of(path);
        if (!Files.exists(literal)) {
            return Optional.empty();
        }
        boolean image = ImageFiles.mayStandForTheImage(path) && inImageTree(literal.toRealPath());
        boolean written = isTemporary(path)
                && !Files.getLastModifiedTime(literal).toInstant().isBefore(startedAt.truncatedTo(ChronoUnit.SECONDS));
        if (!image && !written) {
            return Optional.empty();
        }
        logger.log(Level.DEBUG, () -> "step " + request.ref().stepId() + ": " + what + " taken from host path " + literal);
        return Optional.of(literal);
    }

    /** A listed file that is a link must still lead to the image's trees, not into {@code /proc} or a home. */
    private static boolean inImageTree(Path real) {
        return real.startsWith("/etc") || real.startsWith("/usr");
    }

    private static boolean isTemporary(String path) {
        return path.startsWith("/tmp/") || path.startsWith("/var/tmp/");
    }

    /** Whether the template gives the output parameter a {@code valueFrom.default}. */
    private boolean hasDefault(String name) {
        Object outputs = request.template().get("outputs");
        Object parameters = outputs instanceof Map<?, ?> o ? o.get("parameters") : null;
        if (!(parameters instanceof List<?> list)) {
            return false;
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> p && name.equals(p.get("name")) && p.get("valueFrom") instanceof Map<?, ?> v
                    && v.get("default") != null) {
                return true;
            }
        }
        return false;
    }
}
