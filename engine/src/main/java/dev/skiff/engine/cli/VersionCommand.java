package dev.skiff.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code skiff version}: Skiff's version and the Java it runs on. */
@Command(name = "version", description = "Print Skiff's version and the Java runtime it uses.")
final class VersionCommand implements Callable<Integer> {

    @ParentCommand
    private SkiffMain main;

    @Override
    public Integer call() {
        main.io().out().println("skiff " + version());
        main.io().out().println("java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ") "
                + System.getProperty("java.home", ""));
        main.io().out().flush();
        return ExitCodes.OK;
    }

    /** The version Maven filtered into {@code version.properties}. */
    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
