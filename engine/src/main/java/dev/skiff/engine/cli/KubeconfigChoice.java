package dev.skiff.engine.cli;

import dev.skiff.engine.cluster.KubeconfigContexts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which cluster and namespace a command talks to, found as kubectl finds them: {@code --kubeconfig},
 * else {@code $KUBECONFIG} (a list of files: the first that sets {@code current-context} decides it,
 * the first that defines the chosen context is used), else {@code ~/.kube/config}, else the pod's own
 * ServiceAccount when running in a cluster. The namespace is {@code -n}, else the context's, else
 * {@code default}. Reads context names and namespaces only; credentials are the auth provider's job.
 */
sealed interface KubeconfigChoice {

    /** A context of a kubeconfig file. */
    record FileContext(Path file, String context, String namespace) implements KubeconfigChoice {
    }

    /** The pod's ServiceAccount ({@code in-cluster}). */
    record InCluster(String namespace) implements KubeconfigChoice {
    }

    String namespace();

    Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    /**
     * @param kubeconfigFlag {@code --kubeconfig}, resolved against the working directory
     * @param contextFlag    {@code --context}
     * @param namespaceFlag  {@code -n}
     * @throws UserInputException when no kubeconfig is found, or the context does not exist
     */
    static KubeconfigChoice choose(Optional<Path> kubeconfigFlag, Optional<String> contextFlag,
            Optional<String> namespaceFlag, Map<String, String> env) {
        List<Path> files = candidates(kubeconfigFlag, env);
        List<Path> existing = files.stream().filter(Files::isRegularFile).toList();
        if (kubeconfigFlag.isPresent() && existing.isEmpty()) {
            throw new UserInputException("--kubeconfig " + kubeconfigFlag.get() + ": no such file");
        }
        if (existing.isEmpty()) {
            if (!env.getOrDefault("KUBERNETES_SERVICE_HOST", "").isEmpty() && contextFlag.isEmpty()) {
                return new InCluster(namespaceFlag.orElseGet(KubeconfigChoice::serviceAccountNamespace));
            }
            throw new UserInputException("no kubeconfig found (looked at " + describe(files)
                    + "); pass --kubeconfig FILE or set KUBECONFIG");
        }
        List<Parsed> parsed = new ArrayList<>();
        for (Path file : existing) {
            parsed.add(new Parsed(file, read(file)));
        }
        String context = contextFlag.or(() -> parsed.stream().flatMap(p -> p.contexts().currentContext().stream())
                .findFirst()).orElseThrow(() -> new UserInputException(describe(existing)
                        + " sets no current-context; pass --context NAME (contexts: " + names(parsed) + ")"));
        for (Parsed p : parsed) {
            Optional<KubeconfigContexts.Context> found = p.contexts().find(context);
            if (found.isPresent()) {
                String namespace = namespaceFlag.or(found.get()::namespace).orElse("default");
                return new FileContext(p.file(), context, namespace);
            }
        }
        throw new UserInputException(describe(existing) + " has no context '" + context + "'; its contexts: "
                + names(parsed));
    }

    /** A kubeconfig file and its contexts. */
    record Parsed(Path file, KubeconfigContexts contexts) {
    }

    private static List<Path> candidates(Optional<Path> flag, Map<String, String> env) {
        if (flag.isPresent()) {
            return List.of(flag.get());
        }
        String list = env.getOrDefault("KUBECONFIG", "");
        if (!list.isBlank()) {
            List<Path> files = new ArrayList<>();
            for (String entry : list.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    files.add(Path.of(entry));
                }
            }
            return files;
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home", ""));
        return home.isEmpty() ? List.of() : List.of(Path.of(home, ".kube", "config"));
    }

    private static KubeconfigContexts read(Path file) {
        try {
            return KubeconfigContexts.parse(Files.readAllBytes(file), "kubeconfig " + file);
        } catch (IOException e) {
            throw new UserInputException("kubeconfig " + file + ": cannot read (" + e.getClass().getSimpleName()
                    + ")", e);
        } catch (dev.skiff.spi.auth.ClusterAuthException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private static String names(List<Parsed> parsed) {
        return parsed.stream().flatMap(p -> p.contexts().names().stream()).distinct().toList().toString();
    }

    private static String describe(List<Path> files) {
        if (files.isEmpty()) {
            return "no file ($HOME is not set)";
        }
        return files.size() == 1 ? files.getFirst().toString() : files.toString();
    }

    private static String serviceAccountNamespace() {
        try {
            return Files.isRegularFile(SERVICE_ACCOUNT_NAMESPACE)
                    ? Files.readString(SERVICE_ACCOUNT_NAMESPACE).strip() : "default";
        } catch (IOException e) {
            return "default";
        }
    }
}
