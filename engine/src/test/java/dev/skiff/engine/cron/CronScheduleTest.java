package dev.skiff.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * robfig/cron v3's standard schedules and {@code Next}, as Argo's cron controller uses them. The cases are those of
 * robfig's own spec_test.go (TestNext), written in the five-field form Argo accepts.
 */
class CronScheduleTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Instant utc(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "{1} after {0} is {2}")
    @CsvSource(delimiter = '|', value = {
        "2012-07-09T14:45:00 | 0/15 * * * * | 2012-07-09T15:00:00",
        "2012-07-09T14:59:59 | 0/15 * * * * | 2012-07-09T15:00:00",
        "2012-07-09T15:45:00 | 20-35/15 * * * * | 2012-07-09T16:20:00",
        "2012-07-09T23:46:00 | */15 * * * * | 2012-07-10T00:00:00",
        "2012-07-09T23:45:00 | 20-35/15 * * * * | 2012-07-10T00:20:00",
        "2012-07-09T23:35:00 | 0 0 9 Apr-Oct ? | 2012-08-09T00:00:00",
        "2012-07-09T23:35:00 | 0 0 */5 Apr,Aug,Oct Mon | 2012-08-01T00:00:00",
        "2012-07-09T23:35:00 | 0 0 */5 Oct Mon | 2012-10-01T00:00:00",
        "2012-07-09T23:35:00 | 0 0 * Feb Mon | 2013-02-04T00:00:00",
        "2012-07-09T23:35:00 | 0 0 * Feb Mon/2 | 2013-02-01T00:00:00",
        "2012-12-31T23:59:45 | * * * * * | 2013-01-01T00:00:00",
        "2012-07-09T23:35:00 | 0 0 29 Feb ? | 2016-02-29T00:00:00",
        "2012-07-09T15:00:00 | @hourly | 2012-07-09T16:00:00",
        "2012-07-09T15:00:00 | @daily | 2012-07-10T00:00:00",
        "2012-07-09T15:00:00 | @weekly | 2012-07-15T00:00:00",
        "2012-07-09T15:00:00 | @monthly | 2012-08-01T00:00:00",
        "2012-07-09T15:00:00 | @yearly | 2013-01-01T00:00:00",
        "2012-07-09T15:00:30 | @every 1h30m | 2012-07-09T16:30:30",
    })
    void nextIsRobfigsNext(String after, String spec, String expected) {
        assertThat(CronSchedule.parse(spec, UTC).next(utc(after))).contains(utc(expected));
    }

    @ParameterizedTest(name = "{1} after {0} is {2}")
    @CsvSource(delimiter = '|', value = {
        "2012-03-11T00:00:00-05:00 | TZ=America/New_York 30 2 11 Mar ? | 2013-03-11T02:30:00-04:00",
        "2012-03-11T00:00:00-05:00 | CRON_TZ=America/New_York 0 * * * ? | 2012-03-11T01:00:00-05:00",
        "2012-03-11T01:00:00-05:00 | CRON_TZ=America/New_York 0 * * * ? | 2012-03-11T03:00:00-04:00",
        "2012-03-11T00:00:00-05:00 | TZ=America/New_York 0 2 * * ? | 2012-03-12T02:00:00-04:00",
        "2012-11-04T01:00:00-04:00 | TZ=America/New_York 0 * * * ? | 2012-11-04T01:00:00-05:00",
        "2012-11-04T01:00:00-04:00 | TZ=America/New_York 0 1 * * ? | 2012-11-04T01:00:00-05:00",
        "2012-11-04T01:45:00-04:00 | TZ=America/New_York 30 1 04 Nov ? | 2012-11-04T01:30:00-05:00",
        "2012-11-04T00:00:00-04:00 | TZ=America/New_York 0 2 * * ? | 2012-11-04T02:00:00-05:00",
    })
    void timeZonesAndDaylightSavingAreRobfigs(String after, String spec, String expected) {
        assertThat(CronSchedule.parse(spec, UTC).next(OffsetDateTime.parse(after).toInstant()))
                .contains(OffsetDateTime.parse(expected).toInstant());
    }

    @Test
    void aScheduleWithoutZoneRunsInTheDefaultZone() {
        CronSchedule nine = CronSchedule.parse("0 9 * * *", ZoneId.of("Asia/Tokyo"));
        assertThat(nine.next(utc("2026-01-01T00:00:00"))).contains(utc("2026-01-02T00:00:00"));
    }

    @Test
    void aDayOfMonthThatNeverComesGivesNothingWithinFiveYears() {
        assertThat(CronSchedule.parse("0 0 30 Feb *", UTC).next(utc("2026-01-01T00:00:00"))).isEmpty();
    }

    @Test
    void theLastActivationBeforeATimeIsFound() {
        CronSchedule quarter = CronSchedule.parse("*/15 * * * *", UTC);
        assertThat(quarter.lastAtOrBefore(utc("2026-01-01T10:44:59"), utc("2026-01-01T10:00:00")))
                .contains(utc("2026-01-01T10:30:00"));
        assertThat(quarter.lastAtOrBefore(utc("2026-01-01T10:45:00"), utc("2026-01-01T10:00:00")))
                .contains(utc("2026-01-01T10:45:00"));
        assertThat(quarter.lastAtOrBefore(utc("2026-01-01T10:14:00"), utc("2026-01-01T10:00:00"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "* * * * | expected exactly 5 fields, found 4: [* * * *]",
        "60 * * * * | end of range (60) above maximum (59): 60",
        "5-1 * * * * | beginning of range (5) beyond end of range (1): 5-1",
        "*/0 * * * * | step of range should be a positive number: */0",
        "x * * * * | failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        "0 0 0 * * | beginning of range (0) below minimum (1): 0",
        "@fortnightly | unrecognized descriptor: @fortnightly",
        "CRON_TZ=Mars/Olympus * * * * * | provided bad location Mars/Olympus: unknown time zone Mars/Olympus",
    })
    void malformedSchedulesFailWithRobfigsMessage(String spec, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(spec, UTC)).isInstanceOf(CronException.class)
                .hasMessage(message);
    }
}
