package dev.skiff.engine.expr;

import java.math.BigInteger;

/** Converts number tokens to Long or Double like expr's parser (hex, octal, binary, underscores). */
final class NumberLiterals {
    private NumberLiterals() {
    }

    static Object parse(Parser p, Token token) {
        String value = token.value().replace("_", "");
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            return integer(p, value.substring(2), 16, "hex", value);
        }
        if (lower.contains(".") || lower.contains("e")) {
            try {
                double d = Double.parseDouble(value);
                if (Double.isInfinite(d)) {
                    throw p.error("invalid float literal: strconv.ParseFloat: parsing " + Values.goQuote(value)
                        + ": value out of range");
                }
                return d;
            } catch (NumberFormatException e) {
                throw p.error("invalid float literal: strconv.ParseFloat: parsing " + Values.goQuote(value)
                    + ": invalid syntax");
            }
        }
        if (lower.startsWith("0b")) {
            return integer(p, value.substring(2), 2, "binary", value);
        }
        if (lower.startsWith("0o")) {
            return integer(p, value.substring(2), 8, "octal", value);
        }
        return integer(p, value, 10, "integer", value);
    }

    private static Object integer(Parser p, String digits, int radix, String what, String literal) {
        String problem;
        try {
            BigInteger big = new BigInteger(digits, radix);
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            problem = "value out of range";
        } catch (NumberFormatException e) {
            problem = "invalid syntax";
        }
        throw p.error("invalid " + what + " literal: strconv.ParseInt: parsing " + Values.goQuote(literal) + ": " + problem);
    }
}
