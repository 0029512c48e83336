package dev.skiff.engine.expr;

import java.math.BigDecimal;

/** Formats doubles exactly like Go's strconv (shortest digits), for %v and for encoding/json. */
final class GoFloat {
    private GoFloat() {
    }

    /** Go's {@code fmt.Sprint(f)}: %g with shortest digits, exponent form when the exponent is < -4 or >= 6. */
    static String formatV(double f) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        if (f == 0) {
            return (1 / f < 0) ? "-0" : "0";
        }
        Digits d = digits(f);
        int exp = d.pointPos - 1;
        return exp < -4 || exp >= 6 ? formatE(d) : formatF(d);
    }

    /** Go's encoding/json float64 encoding; NaN and infinities are not representable. */
    static String formatJson(double f) {
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            throw new ExpressionException("json: unsupported value: " + formatV(f));
        }
        if (f == 0) {
            return (1 / f < 0) ? "-0" : "0";
        }
        double abs = Math.abs(f);
        Digits d = digits(f);
        if (abs < 1e-6 || abs >= 1e21) {
            String s = formatE(d);
            int e = s.indexOf('e');
            if (s.charAt(e + 1) == '-' && s.charAt(e + 2) == '0' && s.length() == e + 4) {
                s = s.substring(0, e + 2) + s.charAt(e + 3);
            }
            return s;
        }
        return formatF(d);
    }

    /** Decimal digits without leading/trailing zeros; value = 0.digits * 10^pointPos. */
    private record Digits(boolean negative, String digits, int pointPos) {
    }

    private static Digits digits(double f) {
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros();
        String unscaled = bd.unscaledValue().toString();
        int pointPos = unscaled.length() - bd.scale();
        return new Digits(f < 0, unscaled, pointPos);
    }

    private static String formatE(Digits d) {
        StringBuilder sb = new StringBuilder();
        if (d.negative) {
            sb.append('-');
        }
        sb.append(d.digits.charAt(0));
        if (d.digits.length() > 1) {
            sb.append('.').append(d.digits, 1, d.digits.length());
        }
        int exp = d.pointPos - 1;
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        sb.append(a);
        return sb.toString();
    }

    private static String formatF(Digits d) {
        StringBuilder sb = new StringBuilder();
        if (d.negative) {
            sb.append('-');
        }
        String digits = d.digits;
        int point = d.pointPos;
        if (point <= 0) {
            sb.append("0.").append("0".repeat(-point)).append(digits);
        } else if (point >= digits.length()) {
            sb.append(digits).append("0".repeat(point - digits.length()));
        } else {
            sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return sb.toString();
    }
}
