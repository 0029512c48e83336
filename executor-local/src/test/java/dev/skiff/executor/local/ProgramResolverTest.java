package dev.skiff.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgramResolverTest {

    private static ProgramResolver resolverWith(String... executables) {
        Set<Path> present = Set.of(java.util.Arrays.stream(executables).map(Path::of).toArray(Path[]::new));
        return new ProgramResolver(List.of(Path.of("/opt/bin"), Path.of("/usr/bin")), present::contains);
    }

    @Test
    void findsANameOnThePathInOrder() {
        assertThat(resolverWith("/opt/bin/sh", "/usr/bin/sh").resolve("sh")).contains(Path.of("/opt/bin/sh"));
    }

    @Test
    void keepsAnAbsolutePathThatExists() {
        assertThat(resolverWith("/bin/sh", "/usr/bin/sh").resolve("/bin/sh")).contains(Path.of("/bin/sh"));
    }

    @Test
    void looksUpAnImageOnlyAbsolutePathByItsFileName() {
        assertThat(resolverWith("/usr/bin/python3").resolve("/usr/local/bin/python3")).contains(Path.of("/usr/bin/python3"));
    }

    @Test
    void fallsBackFromPythonToPython3OnlyWhenPythonIsMissing() {
        assertThat(resolverWith("/usr/bin/python3").resolve("python")).contains(Path.of("/usr/bin/python3"));
        assertThat(resolverWith("/usr/bin/python3", "/usr/bin/python").resolve("python")).contains(Path.of("/usr/bin/python"));
    }

    @Test
    void reportsAMissingProgramAsEmpty() {
        assertThat(resolverWith("/usr/bin/sh").resolve("cowsay")).isEmpty();
        assertThat(resolverWith("/usr/bin/sh").resolve("./run.sh")).isEmpty();
        assertThat(resolverWith("/usr/bin/sh").resolve(" ")).isEmpty();
    }
}
