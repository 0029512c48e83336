package dev.skiff.engine.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The CLI's connection to the world, passed in so tests can run commands in-process.
 *
 * @param out              where results go
 * @param err              where diagnostics go
 * @param in               where prompts read from
 * @param terminal         what is a terminal
 * @param env              the environment
 * @param workingDirectory where relative paths are resolved
 * @param clock            the clock runs use
 */
record CliIo(PrintStream out, PrintStream err, InputStream in, TerminalInfo terminal, Map<String, String> env,
             Path workingDirectory, Clock clock) {
}
