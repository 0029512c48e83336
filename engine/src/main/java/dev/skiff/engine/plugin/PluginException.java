package dev.skiff.engine.plugin;

/** A plugin failed in a way it did not mean to; the message names the plugin and its folder. */
public class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
