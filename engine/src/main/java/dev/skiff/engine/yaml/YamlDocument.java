package dev.skiff.engine.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One document of a YAML text (documents are separated by {@code ---}), with aliases and merge keys resolved.
 *
 * @param number its position in the text, from 1 (empty documents are not counted)
 * @param line   the line it starts on, from 1
 * @param root   its content
 */
public record YamlDocument(int number, int line, JsonNode root) {

    public YamlDocument {
        Objects.requireNonNull(root, "root");
    }
}
