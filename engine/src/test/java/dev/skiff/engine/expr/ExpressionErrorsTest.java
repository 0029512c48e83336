package dev.skiff.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors carry expr-lang's wording and a pointer at the failing position. */
class ExpressionErrorsTest {
    private static final Map<String, Object> ENV = Map.of("inputs", Map.of("parameters", Map.of("x", "5")));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "foo => ~unknown name foo (1:1)\n | foo\n | ^~",
        "inputs.parameters.x + 1 => ~invalid operation: string + int (1:21)\n | inputs.parameters.x + 1\n | ....................^~",
        "[1,2][5] => ~index out of range: 5 (array length is 2) (1:6)\n | [1,2][5]\n | .....^~",
        "1 % 0 => ~integer divide by zero (1:3)\n | 1 % 0\n | ..^~",
        "inputs.parameters.nope.x => ~cannot fetch x from <nil> (1:24)\n | inputs.parameters.nope.x\n | .......................^~",
        "1 && true => ~invalid operation: && (mismatched types int and bool) (1:3)\n | 1 && true\n | ..^~",
        "~int(\"x\")~ => ~invalid operation: int(x) (1:1)\n | int(\"x\")\n | ^~",
        // Malformed JSON: Go's encoding/json wording, as expr-lang's fromJSON and Argo's jsonpath report it.
        "fromJSON('x') => ~invalid character 'x' looking for beginning of value (1:1)\n | fromJSON('x')\n | ^~",
        "1 + len(fromJSON('[1,')) => ~unexpected end of JSON input (1:9)\n | 1 + len(fromJSON('[1,'))\n | ........^~",
        "jsonpath('tru', '$.a') => ~invalid character ' ' in literal true (expecting 'e') (1:1)\n | jsonpath('tru', '$.a')\n | ^~",
    })
    void runtimeErrorsNameTheProblemAndPosition(String source, String message) {
        Expression e = Expression.compile(source);
        assertThatThrownBy(() -> e.evaluate(ENV)).isInstanceOf(ExpressionException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "1 + => ~unexpected token EOF (1:3)\n | 1 +\n | ..^~",
        "(1 + 2 => ~unexpected token EOF (1:6)\n | (1 + 2\n | .....^~",
        "~\"abc~ => ~literal not terminated (1:5)\n | \"abc\n | ....^~",
        "1 ?? 2 + 3 => ~Operator (+) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses. (1:8)\n | 1 ?? 2 + 3\n | .......^~",
        "a @ b => ~unrecognized character: U+0040 '@' (1:3)\n | a @ b\n | ..^~",
    })
    void syntaxErrorsAreReportedAtCompileTime(String source, String message) {
        assertThatThrownBy(() -> Expression.compile(source)).isInstanceOf(ExpressionException.class).hasMessage(message);
    }

    @Test
    void unknownSprigFunctionIsNamed() {
        assertThatThrownBy(() -> Expression.compile("sprig.nope('x')").evaluate(Map.of()))
            .hasMessageStartingWith("unknown function sprig.nope");
    }

    @Test
    void rootIdentifiersListFreeVariablesOnly() {
        Expression e = Expression.compile("let y = 1; asInt(inputs.parameters.x) + y + len(items) + sprig.add(z, 1)");
        assertThat(e.rootIdentifiers()).containsExactly("inputs", "items", "z");
    }

    @Test
    void requiredPathsFollowArgoGuards() {
        assertThat(Expression.compile("item.requiredKey").requiredPaths()).containsExactlyInAnyOrder("item", "item.requiredKey");
        assertThat(Expression.compile("item.optionalKey ?? 'fallback'").requiredPaths()).containsExactly("item");
        assertThat(Expression.compile("item['optionalKey'] ?? ''").requiredPaths()).containsExactly("item");
        assertThat(Expression.compile("item?.optionalKey").requiredPaths()).containsExactly("item");
        assertThat(Expression.compile("item.a?.b").requiredPaths()).containsExactly("item");
        assertThat(Expression.compile("item.requiredKey + (item.optionalKey ?? 'x')").requiredPaths())
            .containsExactlyInAnyOrder("item", "item.requiredKey");
        assertThat(Expression.compile("steps['my-step'].outputs.result").requiredPaths())
            .contains("steps.my-step.outputs.result");
    }

    @Test
    void compiledExpressionsAreCached() {
        assertThat(Expression.compile("1 + 41")).isSameAs(Expression.compile("1 + 41"));
    }
}
