package dev.skiff.engine.template;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * govaluate turns quoted strings that parse as dates into Unix seconds ({@code tryParseTime}).
 * This covers its numeric layouts (RFC 3339, ISO 8601 with Z0700, date, date-time, Kitchen); times
 * without a zone are read as UTC where govaluate uses the controller's local zone.
 */
final class WhenDates {
    private static final Pattern DATE_TIME = Pattern.compile(
        "(\\d{4})-(\\d{2})-(\\d{2})(?:([T ])(\\d{2})(?::(\\d{2})(?::(\\d{2})(\\.\\d+)?)?)?"
            + "(Z|[+-]\\d{2}:\\d{2}|[+-]\\d{4})?)?");
    private static final Pattern KITCHEN = Pattern.compile("(\\d{1,2}):(\\d{2})(AM|PM)");

    private WhenDates() {
    }

    /** Unix seconds for a date-like string, or null when govaluate would keep it a string. */
    static Double parse(String s) {
        Matcher k = KITCHEN.matcher(s);
        if (k.matches()) {
            int hour = Integer.parseInt(k.group(1));
            if (hour < 1 || hour > 12) {
                return null;
            }
            int h = hour % 12 + (k.group(3).equals("PM") ? 12 : 0);
            return seconds(LocalDate.of(0, 1, 1), h, k.group(2), null, null, ZoneOffset.UTC);
        }
        Matcher m = DATE_TIME.matcher(s);
        if (!m.matches() || !layoutExists(m)) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return seconds(date, 0, null, null, null, ZoneOffset.UTC);
            }
            ZoneOffset zone = zone(m.group(9));
            return seconds(date, Integer.parseInt(m.group(5)), m.group(6), m.group(7), m.group(8), zone);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** Only combinations that one of govaluate's layouts accepts. */
    private static boolean layoutExists(Matcher m) {
        if (m.group(4) == null) {
            return true;
        }
        boolean t = m.group(4).equals("T");
        String zone = m.group(9);
        boolean minutes = m.group(6) != null;
        boolean secs = m.group(7) != null;
        if (!t) {
            return minutes && (zone == null || (secs && zone.length() == 6 && !zone.equals("Z")));
        }
        if (zone == null) {
            return false;
        }
        if (zone.length() == 6) {
            return secs;
        }
        return true;
    }

    private static ZoneOffset zone(String z) {
        if (z == null || z.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String hh = z.substring(1, 3);
        String mm = z.length() == 6 ? z.substring(4, 6) : z.substring(3, 5);
        int sign = z.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(hh), sign * Integer.parseInt(mm));
    }

    private static Double seconds(LocalDate date, int hour, String min, String sec, String frac, ZoneOffset zone) {
        LocalTime time = LocalTime.of(hour, min == null ? 0 : Integer.parseInt(min), sec == null ? 0 : Integer.parseInt(sec));
        return (double) LocalDateTime.of(date, time).toEpochSecond(zone);
    }
}
