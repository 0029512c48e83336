package dev.skiff.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.engine.expr.ExpressionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** govaluate semantics of rendered {@code when} conditions; expectations checked against govaluate. */
class WhenConditionTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "heads == heads => true", "heads == tails => false", "5 > 10 => false", "`\"5\" == 5` => false",
        "5 == 5.0 => true", "true && false || true => true", "`'2021-01-01' == '2021-01-01T00:00:00Z'` => true",
        "`'2021-01-02' > '2021-01-01'` => true", "a < b => true", "foo != bar => true", "!true => false",
        "!(1 > 2) => true", "`hello =~ 'h.*o'` => true", "`hello !~ '^x'` => true",
        "`'hello world' =~ \"^hello\"` => true", "b in (a, b, c) => true", "d in (a, b, c) => false",
        "1 in (1, 2) => true", "(1 + 2) * 3 == 9 => true", "2 ** 3 == 8 => true", "10 % 3 == 1 => true",
        "-5 < 0 => true", "0x10 == 16 => true", "tails == heads || tails == tails => true",
        "Succeeded == Succeeded && 3 >= 2 => true", "[my var] == [my var] => true", "`\"3\" < \"10\"` => false",
        "3 < 10 => true", "true == true => true", "`\"true\" == true` => false", "`` => true",
    })
    void evaluatesLikeGovaluate(String when, boolean expected) {
        assertThat(WhenCondition.evaluate(when == null ? "" : when)).isEqualTo(expected);
    }

    @Test
    void bareWordsInWhenCompareAsStrings() {
        assertThat(WhenCondition.evaluate("Succeeded == Succeeded")).isTrue();
        assertThat(WhenCondition.evaluate("tails == heads")).isFalse();
    }

    @Test
    void numbersCompareAsFloats() {
        assertThat(WhenCondition.evaluate("5 > 10")).isFalse();
        assertThat(WhenCondition.evaluate("10 > 9.5")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "1 + 2 => Expected boolean evaluation for '1 + 2'. Got 3",
        "true ? yes : no => Expected boolean evaluation for 'true ? yes : no'. Got yes",
        "~\"a\" + 1~ => Expected boolean evaluation for '\"a\" + 1'. Got a1",
        "my-value == my-value => Failed to evaluate 'when' expresion 'my-value == my-value': Value 'my' cannot be used with the modifier '-', it is not a number",
        "foo.bar == x => Invalid 'when' expression 'foo.bar == x': Unable to access unexported field 'bar' in token 'foo.bar'",
        "foo.Bar == x => Failed to evaluate 'when' expresion 'foo.Bar == x': No parameter 'foo' found.",
        "x == => Invalid 'when' expression 'x ==': Unexpected end of expression",
        "(a == b => Invalid 'when' expression '(a == b': Unbalanced parenthesis",
        "~'unclosed == x~ => Invalid 'when' expression ''unclosed == x': Unclosed string literal",
        "a @ b => Invalid 'when' expression 'a @ b': Invalid token: '@' (hint: try wrapping the affected expression in quotes (\"))",
        "5 > x => Failed to evaluate 'when' expresion '5 > x': Value '5' cannot be used with the comparator '>', it is not a number",
        "x && true => Failed to evaluate 'when' expresion 'x && true': Value 'x' cannot be used with the logical operator '&&', it is not a bool",
        "1.5.5 == 1 => Invalid 'when' expression '1.5.5 == 1': Unable to parse numeric value '1.5.5' to float64",
        "!foo => Failed to parse 'when' expression '!foo': Cannot transition token types from PREFIX [!] to STRING [foo]",
    })
    void failuresUseArgoWording(String when, String message) {
        assertThatThrownBy(() -> WhenCondition.evaluate(when)).isInstanceOf(ExpressionException.class).hasMessage(message);
    }
}
