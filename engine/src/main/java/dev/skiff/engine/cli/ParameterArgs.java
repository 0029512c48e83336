package dev.skiff.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflow parameter overrides from the command line, as {@code argo submit} takes them: {@code -p name=value},
 * and {@code -f FILE} ({@code --parameter-file}: a YAML or JSON mapping of names to values; a value that is not
 * a string is passed as its JSON text, as Argo does). Skiff adds {@code -p name=@file}: the file's text without
 * its trailing newlines, as {@code -p name="$(cat file)"} passes it to {@code argo submit} (Argo's own {@code -p}
 * has no {@code @} form: it would pass the text {@code @file}).
 */
final class ParameterArgs {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ParameterArgs() {
    }

    /** {@link #parse(List, Path, Path)} without a parameter file. */
    static Map<String, String> parse(List<String> args, Path baseDir) {
        return parse(args, null, baseDir);
    }

    /**
     * The overrides: those of {@code parameterFile} (may be null) first, then {@code args} in the order given; a
     * later one for the same name wins.
     *
     * @param baseDir where relative {@code @file} paths are resolved
     * @throws UserInputException for a malformed argument or an unreadable file
     */
    static Map<String, String> parse(List<String> args, Path parameterFile, Path baseDir) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (parameterFile != null) {
            overrides.putAll(readParameterFile(baseDir.resolve(parameterFile), parameterFile.toString()));
        }
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
        String text = read(baseDir.resolve(file), "-p " + name + "=@" + file);
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }

    private static Map<String, String> readParameterFile(Path path, String shown) {
        String what = "--parameter-file " + shown;
        List<YamlDocument> documents;
        try {
            documents = YamlReader.lenient().readAll(read(path, what));
        } catch (YamlException e) {
            throw new UserInputException(what + ": not valid YAML or JSON " + e.getMessage(), e);
        }
        if (documents.size() != 1 || !documents.getFirst().root().isObject()) {
            throw new UserInputException(what + ": expected one mapping of parameter names to values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = documents.getFirst().root().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), text(field.getValue()));
        }
        return values;
    }

    /** A string as it is; anything else as compact JSON with sorted keys (Go's json.Marshal of the YAML value). */
    private static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        try {
            return JSON.writeValueAsString(JSON.convertValue(value, Object.class));
        } catch (JsonProcessingException e) {
            return value.toString();
        }
    }

    private static String read(Path path, String what) {
        try {
            long size = Files.size(path);
            if (size > WorkflowFiles.MAX_BYTES) {
                throw new UserInputException(what + ": " + path + " is " + size + " bytes, more than Skiff reads ("
                        + WorkflowFiles.MAX_BYTES + " bytes = 3 MiB)");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException(what + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
