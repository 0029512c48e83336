package dev.skiff.engine.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * What the CLI knows of its terminal. The {@code bin/skiff} launcher measures it with the shell
 * ({@code SKIFF_STDOUT_TTY}, {@code SKIFF_STDIN_TTY}, {@code SKIFF_COLUMNS}); without the
 * launcher the JDK's console is asked.
 *
 * @param stdoutIsTerminal whether stdout is a terminal (live tree)
 * @param stdinIsTerminal  whether stdin is a terminal (prompts)
 * @param columns          terminal width, 0 when unknown
 */
record TerminalInfo(boolean stdoutIsTerminal, boolean stdinIsTerminal, int columns) {

    /** Neither end is a terminal: for tests and pipes. */
    static final TerminalInfo NONE = new TerminalInfo(false, false, 0);

    static TerminalInfo detect(Map<String, String> env) {
        String stdout = env.get("SKIFF_STDOUT_TTY");
        if (stdout != null) {
            return new TerminalInfo("1".equals(stdout), "1".equals(env.get("SKIFF_STDIN_TTY")),
                    parseColumns(env.get("SKIFF_COLUMNS")));
        }
        boolean console = consoleIsTerminal();
        return new TerminalInfo(console, console, parseColumns(env.get("COLUMNS")));
    }

    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static int parseColumns(String text) {
        try {
            return text == null ? 0 : Math.max(0, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
