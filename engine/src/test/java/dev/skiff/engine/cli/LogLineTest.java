package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void theServersTimestampIsReadAndLeftOutOfTheLine() {
        LogLine line = LogLine.parse("wf-echo-1", "2026-01-01T09:00:01.123456789Z hello world", false, NOW);

        assertThat(line.time()).isEqualTo(Instant.parse("2026-01-01T09:00:01.123456789Z"));
        assertThat(line.text()).isEqualTo("wf-echo-1: hello world");
    }

    @Test
    void timestampsStayWhenAskedForAndAnEmptyLineStaysEmpty() {
        assertThat(LogLine.parse("p", "2026-01-01T09:00:01Z  indented", true, NOW).text())
                .isEqualTo("p: 2026-01-01T09:00:01Z  indented");
        assertThat(LogLine.parse("p", "2026-01-01T09:00:01Z", false, NOW).text()).isEqualTo("p: ");
    }

    @Test
    void aLineWithoutTimestampIsKeptWholeAtTheTimeItWasRead() {
        LogLine line = LogLine.parse("p", "no stamp here", false, NOW);

        assertThat(line.time()).isEqualTo(NOW);
        assertThat(line.content()).isEqualTo("no stamp here");
    }

    @Test
    void linesOfSeveralPodsAreOrderedByTimeKeepingTheOrderOfEqualTimes() {
        List<LogLine> lines = new ArrayList<>(List.of(
                LogLine.parse("b", "2026-01-01T09:00:02Z b1", false, NOW),
                LogLine.parse("a", "2026-01-01T09:00:01Z a1", false, NOW),
                LogLine.parse("a", "2026-01-01T09:00:02Z a2", false, NOW),
                LogLine.parse("a", "2026-01-01T09:00:03Z a3", false, NOW)));

        lines.sort(LogLine.BY_TIME);

        assertThat(lines).extracting(LogLine::text).containsExactly("a: a1", "b: b1", "a: a2", "a: a3");
    }
}
