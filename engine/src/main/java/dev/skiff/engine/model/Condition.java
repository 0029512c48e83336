package dev.skiff.engine.model;

/**
 * A workflow condition such as {@code {type: Completed, status: "True"}}.
 *
 * @param type    condition type
 * @param status  "True", "False" or "Unknown"
 * @param message free text, may be empty
 */
public record Condition(String type, String status, String message) {
}
