package dev.skiff.engine.golang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoJsonSyntaxTest {

    /** Input and the error Go 1.26's json.Unmarshal returns for it ("" = valid), recorded from Go itself. */
    static Stream<Arguments> goErrors() {
        return Stream.of(
                Arguments.of("", "unexpected end of JSON input"),
                Arguments.of("   ", "unexpected end of JSON input"),
                Arguments.of("item one", "invalid character 'i' looking for beginning of value"),
                Arguments.of("42 apples", "invalid character 'a' after top-level value"),
                Arguments.of("tru", "invalid character ' ' in literal true (expecting 'e')"),
                Arguments.of("trux", "invalid character 'x' in literal true (expecting 'e')"),
                Arguments.of("truE", "invalid character 'E' in literal true (expecting 'e')"),
                Arguments.of("nul", "invalid character ' ' in literal null (expecting 'l')"),
                Arguments.of("nulL", "invalid character 'L' in literal null (expecting 'l')"),
                Arguments.of("f", "invalid character ' ' in literal false (expecting 'a')"),
                Arguments.of("fals", "invalid character ' ' in literal false (expecting 'e')"),
                Arguments.of("falsy", "invalid character 'y' in literal false (expecting 'e')"),
                Arguments.of("-", "invalid character ' ' in numeric literal"),
                Arguments.of("-x", "invalid character 'x' in numeric literal"),
                Arguments.of("1.", "invalid character ' ' after decimal point in numeric literal"),
                Arguments.of("1.x", "invalid character 'x' after decimal point in numeric literal"),
                Arguments.of("1e", "invalid character ' ' in exponent of numeric literal"),
                Arguments.of("1e+", "invalid character ' ' in exponent of numeric literal"),
                Arguments.of("1ex", "invalid character 'x' in exponent of numeric literal"),
                Arguments.of("01", "invalid character '1' after top-level value"),
                Arguments.of("1 2", "invalid character '2' after top-level value"),
                Arguments.of("[", "unexpected end of JSON input"),
                Arguments.of("[1", "unexpected end of JSON input"),
                Arguments.of("[1,", "unexpected end of JSON input"),
                Arguments.of("[1,]", "invalid character ']' looking for beginning of value"),
                Arguments.of("[1 2]", "invalid character '2' after array element"),
                Arguments.of("[tru]", "invalid character ']' in literal true (expecting 'e')"),
                Arguments.of("{", "unexpected end of JSON input"),
                Arguments.of("{\"a\"", "unexpected end of JSON input"),
                Arguments.of("{\"a\":", "unexpected end of JSON input"),
                Arguments.of("{\"a\" 1}", "invalid character '1' after object key"),
                Arguments.of("{\"a\":1 \"b\":2}", "invalid character '\"' after object key:value pair"),
                Arguments.of("{1:2}", "invalid character '1' looking for beginning of object key string"),
                Arguments.of("{\"a\":1,}", "invalid character '}' looking for beginning of object key string"),
                Arguments.of("{\"a\":1,", "unexpected end of JSON input"),
                Arguments.of("\"abc", "unexpected end of JSON input"),
                Arguments.of("\"a\\", "invalid character ' ' in string escape code"),
                Arguments.of("\"a\\x\"", "invalid character 'x' in string escape code"),
                Arguments.of("\"\\u12\"", "invalid character '\"' in \\u hexadecimal character escape"),
                Arguments.of("\"\\u12", "invalid character ' ' in \\u hexadecimal character escape"),
                Arguments.of("\"\\u12G4\"", "invalid character 'G' in \\u hexadecimal character escape"),
                Arguments.of("\"tab\there\"", "invalid character '\\t' in string literal"),
                Arguments.of("\"nl\nx\"", "invalid character '\\n' in string literal"),
                Arguments.of("'single'", "invalid character '\\'' looking for beginning of value"),
                Arguments.of("\"ok\" 'x'", "invalid character '\\'' after top-level value"),
                Arguments.of("\"ok\"\"x\"", "invalid character '\"' after top-level value"),
                Arguments.of("\\", "invalid character '\\\\' looking for beginning of value"),
                Arguments.of("\u0000", "invalid character '\\x00' looking for beginning of value"),
                Arguments.of("\u0007", "invalid character '\\a' looking for beginning of value"),
                Arguments.of("\u0008", "invalid character '\\b' looking for beginning of value"),
                Arguments.of("\u000b", "invalid character '\\v' looking for beginning of value"),
                Arguments.of("\u000c", "invalid character '\\f' looking for beginning of value"),
                Arguments.of("\u007f", "invalid character '\\x7f' looking for beginning of value"),
                Arguments.of("\u0001", "invalid character '\\x01' looking for beginning of value"),
                Arguments.of("\u00e9", "invalid character '\u00c3' looking for beginning of value"),
                Arguments.of("1\u00e9", "invalid character '\u00c3' after top-level value"),
                Arguments.of("\u20ac", "invalid character '\u00e2' looking for beginning of value"),
                Arguments.of("\ud83d\ude00", "invalid character '\u00f0' looking for beginning of value"),
                Arguments.of("+1", "invalid character '+' looking for beginning of value"),
                Arguments.of(".5", "invalid character '.' looking for beginning of value"),
                Arguments.of("NaN", "invalid character 'N' looking for beginning of value"),
                Arguments.of("Infinity", "invalid character 'I' looking for beginning of value"),
                Arguments.of("[1,2,3]x", "invalid character 'x' after top-level value"),
                Arguments.of("{}}", "invalid character '}' after top-level value"),
                Arguments.of("[]]", "invalid character ']' after top-level value"),
                Arguments.of("  {\"k\": [1, {\"z\": null}]}  ", ""),
                Arguments.of("\t\r\n1\t\r\n", ""),
                Arguments.of("[1,\n2,\n", "unexpected end of JSON input"),
                Arguments.of("true false", "invalid character 'f' after top-level value"),
                Arguments.of("null,", "invalid character ',' after top-level value"),
                Arguments.of("\"\\/\\b\\f\\n\\r\\t\\\"\\\\\\u00e9\"", ""),
                Arguments.of("-0.5e-10", ""),
                Arguments.of("-01", "invalid character '1' after top-level value"),
                Arguments.of("1E5", ""),
                Arguments.of("1.5E+", "invalid character ' ' in exponent of numeric literal"),
                Arguments.of("[[[[]]]]", ""),
                Arguments.of("{\"a\":{\"b\":[{}]}}", "")
        );
    }

    @ParameterizedTest
    @MethodSource("goErrors")
    void errorIsWordedAsGosJsonUnmarshal(String input, String goError) {
        assertThat(GoJsonSyntax.error(input)).isEqualTo(goError.isEmpty() ? Optional.empty() : Optional.of(goError));
    }

    @Test
    void nestingUpTo10000IsAcceptedAndDeeperIsRefusedWithoutRecursion() {
        assertThat(GoJsonSyntax.error("[".repeat(10_000) + "]".repeat(10_000))).isEmpty();
        assertThat(GoJsonSyntax.error("[".repeat(10_001) + "]".repeat(10_001)))
                .contains("invalid character '[' exceeded max depth");
        assertThat(GoJsonSyntax.error("{\"a\":".repeat(10_001))).contains("invalid character '{' exceeded max depth");
    }

    @Test
    void quoteCharReadsABytesAsALatin1CodePointAsGoDoes() {
        // Bytes that only occur inside UTF-8 sequences; Go's strconv.Quote escapes the unprintable ones.
        assertThat(GoJsonSyntax.quoteChar((byte) 0x80)).isEqualTo("'\\u0080'");
        assertThat(GoJsonSyntax.quoteChar((byte) 0xa0)).isEqualTo("'\\u00a0'");
        assertThat(GoJsonSyntax.quoteChar((byte) 0xad)).isEqualTo("'\\u00ad'");
        assertThat(GoJsonSyntax.quoteChar((byte) 0xa9)).isEqualTo("'\u00a9'");
        assertThat(GoJsonSyntax.quoteChar((byte) 0xff)).isEqualTo("'\u00ff'");
    }
}
