package dev.skiff.engine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code -p name=value} and {@code -p name=@file} into workflow parameter overrides. */
final class ParameterArgs {

    private ParameterArgs() {
    }

    /**
     * The overrides in the order given (a later one for the same name wins).
     *
     * @param baseDir where relative {@code @file} paths are resolved
     * @throws UserInputException for a malformed argument or an unreadable {@code @file}
     */
    static Map<String, String> parse(List<String> args, Path baseDir) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new UserInputException("-p " + arg + ": expected name=value (or name=@file)");
            }
            String name = arg.substring(0, eq).trim();
            if (name.isEmpty()) {
                throw new UserInputException("-p " + arg + ": the parameter name is empty");
            }
            String value = arg.substring(eq + 1);
            overrides.put(name, value.startsWith("@") ? readFile(name, value.substring(1), baseDir) : value);
        }
        return overrides;
    }

    private static String readFile(String name, String file, Path baseDir) {
        Path path = baseDir.resolve(file);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("-p " + name + "=@" + file + ": cannot read " + path + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
