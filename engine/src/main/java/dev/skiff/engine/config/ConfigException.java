package dev.skiff.engine.config;

/** The controller config is wrong; the message names the file, the key and what to do. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
