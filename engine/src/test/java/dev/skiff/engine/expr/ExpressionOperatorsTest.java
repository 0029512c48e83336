package dev.skiff.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operators, literals and precedence of expr-lang; expected values were checked against expr v1.17.8. */
class ExpressionOperatorsTest {

    static Object eval(String source) {
        return Expression.compile(source).evaluate(Map.of());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "1 + 2 | 3", "1 + 2.5 | 3.5", "7 / 2 | 3.5", "6 / 2 | 3", "7 % 3 | 1", "-7 % 3 | -1",
        "2 ** 10 | 1024", "2 ^ 3 ^ 2 | 512", "9223372036854775807 + 1 | -9223372036854775808",
        "1 + 2 * 3 | 7", "(1 + 2) * 3 | 9", "-2 ** 2 | -4", "10 - 2 - 3 | 5",
        "0x1F + 0b11 + 0o17 | 49", "1_000_000 | 1000000", "1e3 | 1000", ".5 + 1 | 1.5",
        "1..5 | [1,2,3,4,5]", "5..1 | []", "~\"a\\tb\\u0041\"~ | ~\"a\\tbA\"~", "~'it\\'s'~ | ~\"it's\"~",
        "~`raw\\n`~ | ~\"raw\\\\n\"~", "~\"a\" + \"b\"~ | ~\"ab\"~", "[1, 2, 3][0] | 1", "[1, 2, 3][-1] | 3",
        "[1, 2, 3][1:] | [2,3]", "[1, 2, 3][:2] | [1,2]", "[1, 2, 3][1:-1] | [2]", "~\"hello\"[1:3]~ | ~\"el\"~",
        "~{\"a\": {\"b\": 2}}.a.b~ | 2", "~{\"a\": {\"b\": 2}}[\"a\"][\"b\"]~ | 2", "~{\"a\": 1}.b~ | null",
        "~{\"a\": 1}?.b?.c~ | null", "~{\"a\": nil}.a?.b~ | null", "nil ?? 7 | 7", "~\"x\" ?? \"d\"~ | ~\"x\"~",
        "true ? 1 : 2 | 1", "false ?: 3 | 3", "let x = 2; x * 3 | 6", "~if 1 > 2 { \"a\" } else { \"b\" }~ | ~\"b\"~",
        "1; 2 | 2", "1 /* comment */ + 1 // trailing | 2",
    })
    void evaluatesLikeExpr(String source, String json) {
        assertThat(Values.toJson(eval(source))).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "1 < 2 => true", "1 < 2.5 => true", "~\"a\" < \"b\"~ => true", "1 == 1.0 => true", "nil == nil => true",
        "[1, 2] == [1, 2] => true", "~{\"a\": 1} == {\"a\": 1}~ => true", "~{\"a\": 1} == {\"a\": 1.0}~ => false",
        "~\"a\" in [\"a\", \"b\"]~ => true", "~\"k\" in {\"k\": 1}~ => true", "2 in 1..3 => true", "1 not in [2] => true",
        "not true => false", "!false => true", "true && false || true => true", "false and true or false => false",
        "1 < 2 < 3 => true", "3 > 2 > 1 => true", "1 < 3 < 2 => false", "~\"foo\" matches \"^f\"~ => true",
        "~\"foo\" contains \"oo\"~ => true", "~\"foo\" startsWith \"f\"~ => true", "~\"foo\" endsWith \"o\"~ => true",
        "~\"foo\" not contains \"x\"~ => true", "~nil contains \"x\"~ => false", "~\"1\" == 1~ => false",
    })
    void comparesLikeExpr(String source, boolean expected) {
        assertThat(eval(source)).isEqualTo(expected);
    }

    @Test
    void integerDivisionYieldsFloat() {
        assertThat(eval("6 / 3")).isEqualTo(2.0);
        assertThat(eval("7 / 2")).isEqualTo(3.5);
    }

    @Test
    void integerArithmeticStaysInteger() {
        assertThat(eval("2 * 3 + 1")).isEqualTo(7L);
        assertThat(eval("2 * 3.0")).isEqualTo(6.0);
        assertThat(eval("2 ** 2")).isEqualTo(4.0);
    }

    @Test
    void integerOverflowWrapsLikeGo() {
        assertThat(eval("9223372036854775807 * 2")).isEqualTo(-2L);
    }

    @Test
    void stringIndexYieldsByteValueAsGoDoes() {
        assertThat(eval("\"hello\"[0]")).isEqualTo(104L);
    }

    @Test
    void optionalChainingOnNilShortCircuitsTheWholeChain() {
        Object v = Expression.compile("a?.b.c").evaluate(java.util.Collections.singletonMap("a", null));
        assertThat(v).isNull();
    }

    @Test
    void envVariableIsTheWholeEnvironment() {
        assertThat(Expression.compile("'x' in $env && $env['x'] == 1").evaluate(Map.of("x", 1L))).isEqualTo(true);
    }

    @Test
    void pipePassesLeftSideAsFirstArgument() {
        assertThat(eval("[1, 2, 3] | map(# * 2) | sum()")).isEqualTo(12L);
        assertThat(Values.toJson(eval("\"a,b\" | split(\",\")"))).isEqualTo("[\"a\",\"b\"]");
    }
}
