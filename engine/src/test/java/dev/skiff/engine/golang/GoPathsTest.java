package dev.skiff.engine.golang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoPathsTest {

    // Expected values are what Go's filepath.Clean / Join / Rel give on Linux.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/tmp/out.txt|/tmp/out.txt",
        "/tmp//a///b|/tmp/a/b",
        "/tmp/./a/|/tmp/a",
        "/tmp/a/../b|/tmp/b",
        "/../../a|/a",
        "/|/",
        "a/../..|..",
        "../a/./b/..|../a",
        "''|.",
        "./|.",
    })
    void cleanFollowsGosFilepathClean(String path, String cleaned) {
        assertThat(GoPaths.clean(path)).isEqualTo(cleaned);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/tmp/out.txt|/var/run/argo/outputs/parameters/tmp/out.txt",
        "tmp/out.txt|/var/run/argo/outputs/parameters/tmp/out.txt",
        "/tmp/../../../../etc/x|/var/run/etc/x",
        "/tmp/dir/|/var/run/argo/outputs/parameters/tmp/dir",
    })
    void joinCleansTheJoinedPath(String path, String joined) {
        assertThat(GoPaths.join("/var/run/argo", "outputs", "parameters", path)).isEqualTo(joined);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|''",
        "a/|a",
    })
    void joinSkipsEmptyElements(String element, String joined) {
        assertThat(GoPaths.join("", element, "")).isEqualTo(joined);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/data|/data|true",
        "/data|/data/out/x.txt|true",
        "/data/|/data//x|true",
        "/data|/database/x|false",
        "/data|/tmp/x|false",
        "/data/sub|/data/sub/../x|false",
        "/|/anything|true",
        "data|/data/x|false",
        "/data|data/x|false",
        ".|a/b|true",
        ".|../a|false",
    })
    void withinIsTheMountPathOrBelowIt(String base, String target, boolean within) {
        assertThat(GoPaths.within(base, target)).isEqualTo(within);
    }
}
