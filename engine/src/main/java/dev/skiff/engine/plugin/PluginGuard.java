package dev.skiff.engine.plugin;

import dev.skiff.spi.auth.ClusterAuthException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Every call into a plugin goes through here: the thread's context class loader is the
 * plugin's during the call, and failures come back naming the plugin and its folder. Messages
 * meant for users ({@link ClusterAuthException}, {@link IllegalArgumentException}) keep their
 * type; anything else becomes a {@link ClusterAuthException} (auth) or {@link PluginException}.
 */
public record PluginGuard(String pluginName, Path folder, ClassLoader loader) {

    public <T> T call(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } catch (ClusterAuthException e) {
            throw new ClusterAuthException(e.getMessage() + where(), e.getCause());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + where(), e.getCause());
        } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
            throw new PluginException("plugin " + pluginName + " (" + folder + ") failed: " + describe(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    private String where() {
        return " [plugin " + pluginName + " in " + folder + "]";
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root
                && (root instanceof java.util.ServiceConfigurationError
                        || root instanceof java.lang.reflect.InvocationTargetException
                        || root instanceof ExceptionInInitializerError)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
