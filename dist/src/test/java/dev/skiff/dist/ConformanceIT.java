package dev.skiff.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conformance case ({@code conformance/cases}) ends, through the built {@code bin/skiff run FILE -o json},
 * with the status Argo Workflows gave it ({@code conformance/expected}), as judged by {@code conformance/compare}.
 * Cases listed in {@code conformance/known-mismatches.txt} are reported as aborted with their reason while they
 * still mismatch, and fail once they match, so that the list only ever shrinks.
 */
class ConformanceIT {

    /** The repository's {@code conformance/} folder (other ITs use it too). */
    static Path conformanceDir() {
        return TestingConformance.dir();
    }

    static List<String> cases() throws IOException {
        return TestingConformance.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void skiffEndsTheCaseWithArgosStatus(String name) throws Exception {
        String known = TestingConformance.knownMismatches("known-mismatches.txt").get(name);

        TestingConformance.Comparison result = TestingConformance.run(TestingLauncher.home().resolve("bin/skiff"), name);

        if (known != null) {
            assertThat(result.exitCode())
                    .as("%s matches Argo now: remove it from conformance/known-mismatches.txt%n%s", name, result.output())
                    .isNotZero();
            abort("known mismatch (" + known + "):\n" + result.output());
        }
        assertThat(result.exitCode()).as("conformance/compare run %s:%n%s", name, result.output()).isZero();
    }
}
