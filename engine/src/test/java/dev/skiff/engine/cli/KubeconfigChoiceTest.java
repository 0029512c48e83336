package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigChoiceTest {

    @TempDir
    Path dir;

    private Path kubeconfig(String name, String current, String... contexts) throws IOException {
        StringBuilder text = new StringBuilder(current.isEmpty() ? "" : "current-context: " + current + "\n");
        text.append("contexts:\n");
        for (String context : contexts) {
            String[] parts = context.split("/");
            text.append("- name: ").append(parts[0]).append("\n  context: {cluster: c, user: u")
                    .append(parts.length > 1 ? ", namespace: " + parts[1] : "").append("}\n");
        }
        return Files.writeString(dir.resolve(name), text + "users: [{name: u, user: {token: not-read-here}}]\n");
    }

    @Test
    void theFlagWinsAndTheCurrentContextsNamespaceIsTheDefault() throws IOException {
        Path file = kubeconfig("config", "dev", "dev/team-a", "prod");

        var choice = KubeconfigChoice.choose(Optional.of(file), Optional.empty(), Optional.empty(),
                Map.of("KUBECONFIG", "/nonexistent"));

        assertThat(choice).isEqualTo(new KubeconfigChoice.FileContext(file, "dev", "team-a"));
    }

    @Test
    void contextAndNamespaceFlagsOverrideTheFile() throws IOException {
        Path file = kubeconfig("config", "dev", "dev/team-a", "prod");

        assertThat(KubeconfigChoice.choose(Optional.of(file), Optional.of("prod"), Optional.empty(), Map.of()))
                .isEqualTo(new KubeconfigChoice.FileContext(file, "prod", "default"));
        assertThat(KubeconfigChoice.choose(Optional.of(file), Optional.empty(), Optional.of("x"), Map.of()))
                .isEqualTo(new KubeconfigChoice.FileContext(file, "dev", "x"));
    }

    @Test
    void kubeconfigListsTakeTheFirstCurrentContextAndTheFileThatDefinesIt() throws IOException {
        Path first = kubeconfig("first", "", "a");
        Path second = kubeconfig("second", "b", "b/ns-b");

        var choice = KubeconfigChoice.choose(Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of("KUBECONFIG", dir.resolve("missing") + ":" + first + ":" + second));

        assertThat(choice).isEqualTo(new KubeconfigChoice.FileContext(second, "b", "ns-b"));
    }

    @Test
    void homesKubeConfigIsTheLastFileAndThePodsAccountTheFallback() throws IOException {
        Files.createDirectories(dir.resolve(".kube"));
        Path home = kubeconfig(".kube/config", "h", "h");

        assertThat(KubeconfigChoice.choose(Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of("HOME", dir.toString()))).isEqualTo(new KubeconfigChoice.FileContext(home, "h", "default"));
        assertThat(KubeconfigChoice.choose(Optional.empty(), Optional.empty(), Optional.of("ns"),
                Map.of("HOME", dir.resolve("nohome").toString(), "KUBERNETES_SERVICE_HOST", "10.0.0.1")))
                .isEqualTo(new KubeconfigChoice.InCluster("ns"));
    }

    @Test
    void missingFilesContextsAndCurrentContextsAreBadInputNamingWhatExists() throws IOException {
        Path file = kubeconfig("config", "", "dev", "prod");

        assertThatThrownBy(() -> KubeconfigChoice.choose(Optional.of(dir.resolve("nope")), Optional.empty(),
                Optional.empty(), Map.of())).isInstanceOf(UserInputException.class)
                .hasMessage("--kubeconfig " + dir.resolve("nope") + ": no such file");
        assertThatThrownBy(() -> KubeconfigChoice.choose(Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of("HOME", dir.resolve("nohome").toString()))).isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("no kubeconfig found (looked at " + dir.resolve("nohome/.kube/config"));
        assertThatThrownBy(() -> KubeconfigChoice.choose(Optional.of(file), Optional.empty(), Optional.empty(),
                Map.of())).isInstanceOf(UserInputException.class)
                .hasMessage(file + " sets no current-context; pass --context NAME (contexts: [dev, prod])");
        assertThatThrownBy(() -> KubeconfigChoice.choose(Optional.of(file), Optional.of("qa"), Optional.empty(),
                Map.of())).isInstanceOf(UserInputException.class)
                .hasMessage(file + " has no context 'qa'; its contexts: [dev, prod]");
    }

    @Test
    void aFileThatIsNoKubeconfigIsBadInputWithoutItsContent() throws IOException {
        Path file = Files.writeString(dir.resolve("bad"), "token: s3cr3t\n  : [unclosed");

        assertThatThrownBy(() -> KubeconfigChoice.choose(Optional.of(file), Optional.empty(), Optional.empty(),
                Map.of())).isInstanceOf(UserInputException.class).hasMessageContaining("not a valid kubeconfig")
                .hasMessageNotContaining("s3cr3t");
    }
}
