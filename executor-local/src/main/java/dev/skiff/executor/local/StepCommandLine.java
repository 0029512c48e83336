package dev.skiff.executor.local;

import dev.skiff.spi.executor.StepCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The argument vector of a step's process, built as Argo builds the main container's:
 * {@code command + args}, and for a script template the source file's path appended last.
 * Every word goes through the sandbox path mapping. Pure.
 */
final class StepCommandLine {

    private StepCommandLine() {
    }

    /**
     * The words to run, before the program is resolved; empty when the template names no
     * command and no args (it relies on the image's entry point, which does not exist here).
     *
     * @param scriptFile where the script source was written, for script templates
     */
    static List<String> words(StepCommand command, SandboxPathMapping mapping, Optional<Path> scriptFile) {
        List<String> words = new ArrayList<>();
        command.command().forEach(w -> words.add(mapping.rewrite(w)));
        command.args().forEach(w -> words.add(mapping.rewrite(w)));
        scriptFile.ifPresent(f -> words.add(f.toString()));
        return words;
    }
}
