package dev.skiff.engine.cron;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A CronWorkflow schedule as Argo's cron controller reads it: robfig/cron v3's standard parser
 * ({@code cron.ParseStandard}: five fields minute, hour, day of month, month, day of week; names such as
 * {@code mon}/{@code jan}; {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily},
 * {@code @midnight}, {@code @hourly}, {@code @every DURATION}; a {@code CRON_TZ=Zone} or {@code TZ=Zone} prefix), and
 * {@code SpecSchedule.Next} to find the next activation. A day of month and a day of week both restricted match
 * either (as cron does), unless one is {@code *}. Without a zone the schedule runs in {@code defaultZone} (the
 * controller's local time in Argo).
 */
public final class CronSchedule {

    private final String text;
    private final ZoneId zone;
    private final long minute;
    private final long hour;
    private final long dom;
    private final long month;
    private final long dow;
    private final Optional<Duration> every;

    private CronSchedule(String text, ZoneId zone, long minute, long hour, long dom, long month, long dow,
                         Optional<Duration> every) {
        this.text = text;
        this.zone = zone;
        this.minute = minute;
        this.hour = hour;
        this.dom = dom;
        this.month = month;
        this.dow = dow;
        this.every = every;
    }

    /**
     * Parses a schedule.
     *
     * @throws CronException with robfig/cron's message when it does not parse
     */
    public static CronSchedule parse(String spec, ZoneId defaultZone) {
        if (spec.isEmpty()) {
            throw new CronException("empty spec string");
        }
        String rest = spec;
        ZoneId zone = defaultZone;
        if (rest.startsWith("TZ=") || rest.startsWith("CRON_TZ=")) {
            int space = rest.indexOf(' ');
            String name = rest.substring(rest.indexOf('=') + 1, space < 0 ? rest.length() : space);
            zone = zone(name);
            rest = space < 0 ? "" : rest.substring(space).strip();
        }
        if (rest.startsWith("@")) {
            return descriptor(spec, rest, zone);
        }
        String[] fields = rest.isBlank() ? new String[0] : rest.strip().split("\\s+");
        if (fields.length != 5) {
            throw new CronException("expected exactly 5 fields, found " + fields.length + ": ["
                    + String.join(" ", fields) + "]");
        }
        return new CronSchedule(spec, zone, CronFields.field(fields[0], CronFields.MINUTES),
                CronFields.field(fields[1], CronFields.HOURS), CronFields.field(fields[2], CronFields.DOM),
                CronFields.field(fields[3], CronFields.MONTHS), CronFields.field(fields[4], CronFields.DOW),
                Optional.empty());
    }

    /** A zone as Go's {@code time.LoadLocation} finds it (an IANA name, {@code UTC}, {@code Local}). */
    static ZoneId zone(String name) {
        if (name.isEmpty() || name.equals("UTC")) {
            return java.time.ZoneOffset.UTC;
        }
        if (name.equals("Local")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new CronException("provided bad location " + name + ": unknown time zone " + name);
        }
    }

    private static CronSchedule descriptor(String spec, String descriptor, ZoneId zone) {
        long first = 1;
        long allMinutes = CronFields.all(CronFields.MINUTES);
        return switch (descriptor) {
            case "@yearly", "@annually" -> new CronSchedule(spec, zone, first, first, 1L << 1, 1L << 1,
                    CronFields.all(CronFields.DOW), Optional.empty());
            case "@monthly" -> new CronSchedule(spec, zone, first, first, 1L << 1, CronFields.all(CronFields.MONTHS),
                    CronFields.all(CronFields.DOW), Optional.empty());
            case "@weekly" -> new CronSchedule(spec, zone, first, first, CronFields.all(CronFields.DOM),
                    CronFields.all(CronFields.MONTHS), first, Optional.empty());
            case "@daily", "@midnight" -> new CronSchedule(spec, zone, first, first, CronFields.all(CronFields.DOM),
                    CronFields.all(CronFields.MONTHS), CronFields.all(CronFields.DOW), Optional.empty());
            case "@hourly" -> new CronSchedule(spec, zone, first, CronFields.all(CronFields.HOURS),
                    CronFields.all(CronFields.DOM), CronFields.all(CronFields.MONTHS), CronFields.all(CronFields.DOW),
                    Optional.empty());
            default -> {
                if (!descriptor.startsWith("@every ")) {
                    throw new CronException("unrecognized descriptor: " + descriptor);
                }
                String text = descriptor.substring("@every ".length());
                Duration d = dev.skiff.engine.core.GoDuration.parseGo(text).orElseThrow(() -> new CronException(
                        "failed to parse duration " + descriptor + ": time: invalid duration "
                                + dev.skiff.engine.golang.GoStrconv.quote(text)));
                // robfig's Every: at least a second, whole seconds.
                Duration delay = d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                        : d.truncatedTo(ChronoUnit.SECONDS);
                yield new CronSchedule(spec, zone, allMinutes, 0, 0, 0, 0, Optional.of(delay));
            }
        };
    }

    /** The schedule as written. */
    public String text() {
        return text;
    }

    /**
     * robfig's {@code Next}: the first activation after {@code after} (at least one second later, on a whole second);
     * empty when none comes within five years.
     */
    public Optional<Instant> next(Instant after) {
        if (every.isPresent()) {
            return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(every.get()));
        }
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        boolean added = false;
        int yearLimit = t.getYear() + 5;
        while (true) {
            if (t.getYear() > yearLimit) {
                return Optional.empty();
            }
            boolean wrapped = false;
            while (!CronFields.has(month, t.getMonthValue())) {
                if (!added) {
                    added = true;
                    t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), 1, 0, 0, 0, 0, zone);
                }
                t = t.plusMonths(1);
                if (t.getMonthValue() == 1) {
                    wrapped = true;
                    break;
                }
            }
            if (wrapped) {
                continue;
            }
            while (!dayMatches(t)) {
                if (!added) {
                    added = true;
                    t = ZonedDateTime.of(t.toLocalDate(), java.time.LocalTime.MIDNIGHT, zone);
                }
                t = t.plusDays(1);
                if (t.getHour() != 0) {
                    // Midnight did not exist (a daylight saving change): back to the day's first hour.
                    t = t.getHour() > 12 ? t.plusHours(24 - t.getHour()) : t.minusHours(t.getHour());
                }
                if (t.getDayOfMonth() == 1) {
                    wrapped = true;
                    break;
                }
            }
            if (wrapped) {
                continue;
            }
            while (!CronFields.has(hour, t.getHour())) {
                if (!added) {
                    added = true;
                    t = t.truncatedTo(ChronoUnit.HOURS);
                }
                t = t.plusHours(1);
                if (t.getHour() == 0) {
                    wrapped = true;
                    break;
                }
            }
            if (wrapped) {
                continue;
            }
            while (!CronFields.has(minute, t.getMinute())) {
                if (!added) {
                    added = true;
                    t = t.truncatedTo(ChronoUnit.MINUTES);
                }
                t = t.plusMinutes(1);
                if (t.getMinute() == 0) {
                    wrapped = true;
                    break;
                }
            }
            if (wrapped) {
                continue;
            }
            while (t.getSecond() != 0) {
                if (!added) {
                    added = true;
                }
                t = t.plusSeconds(1);
                if (t.getSecond() == 0) {
                    wrapped = true;
                    break;
                }
            }
            if (wrapped) {
                continue;
            }
            return Optional.of(t.toInstant());
        }
    }

    /** The last activation at or before {@code at} and after {@code after}, if any (at most five years back). */
    public Optional<Instant> lastAtOrBefore(Instant at, Instant after) {
        Optional<Instant> found = Optional.empty();
        Optional<Instant> next = next(after);
        while (next.isPresent() && !next.get().isAfter(at)) {
            found = next;
            next = next(next.get());
        }
        return found;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean domMatch = CronFields.has(dom, t.getDayOfMonth());
        boolean dowMatch = CronFields.has(dow, t.getDayOfWeek().getValue() % 7);
        if ((dom & CronFields.STAR) != 0 || (dow & CronFields.STAR) != 0) {
            return domMatch && dowMatch;
        }
        return domMatch || dowMatch;
    }

    @Override
    public String toString() {
        return text;
    }
}
