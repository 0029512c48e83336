package dev.skiff.executor.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gives each step its own session and process group (via {@code setsid}), so a Ctrl-C at the
 * terminal reaches only Skiff, which then stops steps in order, and so that everything a step
 * left behind can be signalled at once (a container's processes all end with it).
 * Without {@code setsid} or {@code kill} on the host (macOS lacks setsid) steps run as plain
 * children and only their live process trees are signalled.
 *
 * @param setsid the {@code setsid} program, if the host has one
 * @param kill   the {@code kill} program, if the host has one
 */
record ProcessGroups(Optional<Path> setsid, Optional<Path> kill) {

    static final ProcessGroups NONE = new ProcessGroups(Optional.empty(), Optional.empty());

    static ProcessGroups find(ProgramResolver resolver) {
        Optional<Path> setsid = resolver.resolve("setsid");
        Optional<Path> kill = resolver.resolve("kill");
        return setsid.isPresent() && kill.isPresent() ? new ProcessGroups(setsid, kill) : NONE;
    }

    boolean enabled() {
        return setsid.isPresent();
    }

    /** The argument vector that starts {@code words} as the leader of a new session. */
    List<String> wrap(List<String> words) {
        if (setsid.isEmpty()) {
            return words;
        }
        List<String> wrapped = new java.util.ArrayList<>();
        wrapped.add(setsid.get().toString());
        wrapped.addAll(words);
        return wrapped;
    }

    /** Sends a signal ({@code TERM}, {@code KILL}) to the process group led by {@code leader}; quiet if empty. */
    void signal(long leader, String signal) {
        if (kill.isEmpty()) {
            return;
        }
        try {
            Process p = new ProcessBuilder(kill.get().toString(), "-s", signal, "--", "-" + leader)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // Best effort: the process tree was signalled directly as well.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
