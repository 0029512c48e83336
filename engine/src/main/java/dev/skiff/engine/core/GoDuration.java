package dev.skiff.engine.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Argo's durations: a whole number means seconds, else Go's {@code time.ParseDuration} syntax. */
public final class GoDuration {

    private static final Map<String, Long> UNIT_NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
            "μs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** Argo's ParseStringToDuration; empty when the text is not a duration. */
    static Optional<Duration> parseArgo(String text) {
        try {
            return Optional.of(Duration.ofSeconds(Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return parseGo(text);
        }
    }

    /** Argo's ParseStringToDuration, failing with Argo's message. */
    static Duration parseArgoOrFail(String text) {
        return parseArgo(text).orElseThrow(() -> new ReconcileException(
                "unable to parse " + text + " as a duration: time: invalid duration \"" + text + "\""));
    }

    /** Go's time.ParseDuration; empty when the text is not a duration. */
    public static Optional<Duration> parseGo(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            Long unit = UNIT_NANOS.get(s.substring(unitStart, i));
            if (number.isEmpty() || number.equals(".") || unit == null) {
                return Optional.empty();
            }
            try {
                totalNanos = totalNanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        long nanos = totalNanos.longValue();
        return Optional.of(Duration.ofNanos(negative ? -nanos : nanos));
    }

    /** Go's Duration.String(), such as {@code 1m30s} or {@code 500ms}. */
    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000L) {
                return out.append(nanos).append("ns").toString();
            }
            if (nanos < 1_000_000L) {
                return out.append(trim(BigDecimal.valueOf(nanos, 3))).append("µs").toString();
            }
            return out.append(trim(BigDecimal.valueOf(nanos, 6))).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long rest = nanos % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        rest %= 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(trim(BigDecimal.valueOf(rest, 9))).append('s');
        return out.toString();
    }

    private static String trim(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }

    /** Argo's humanize.Duration, as used in "Backoff for 2 minutes 0 seconds". */
    static String humanize(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 60) {
            return truncated(d);
        }
        if (seconds < 3600) {
            return truncated(d) + " " + (seconds % 60) + " seconds";
        }
        if (seconds < 86_400) {
            return truncated(d) + " " + ((seconds / 60) % 60) + " minutes";
        }
        return truncated(d) + " " + ((seconds / 3600) % 24) + " hours";
    }

    /** go-humanize's CustomRelTime with Argo's magnitudes, truncated to one unit. */
    private static String truncated(Duration d) {
        long s = d.getSeconds();
        long day = 86_400;
        long week = 7 * day;
        long month = 30 * day;
        long year = 12 * month;
        if (s < 1) {
            return "0 seconds";
        } else if (s < 2) {
            return "1 second";
        } else if (s < 60) {
            return s + " seconds";
        } else if (s < 120) {
            return "1 minute";
        } else if (s < 3600) {
            return (s / 60) + " minutes";
        } else if (s < 7200) {
            return "1 hour";
        } else if (s < day) {
            return (s / 3600) + " hours";
        } else if (s < 2 * day) {
            return "1 day";
        } else if (s < week) {
            return (s / day) + " days";
        } else if (s < 2 * week) {
            return "1 week";
        } else if (s < month) {
            return (s / week) + " weeks";
        } else if (s < 2 * month) {
            return "1 month";
        } else if (s < year) {
            return (s / month) + " months";
        } else if (s < 18 * month) {
            return "1 year";
        } else if (s < 2 * year) {
            return "2 years";
        }
        return (s / year) + " years";
    }
}
