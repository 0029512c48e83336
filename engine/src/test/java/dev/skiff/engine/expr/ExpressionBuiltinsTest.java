package dev.skiff.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** expr-lang builtins and closures, with the documented examples; results compared as Go JSON. */
class ExpressionBuiltinsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "~len(\"héllo\")~ => 5", "len([1, 2]) => 2", "~len({\"a\": 1})~ => 1", "abs(-3) => 3", "abs(-3.5) => 3.5",
        "ceil(1.5) => 2", "floor(1.5) => 1", "round(2.5) => 3", "round(-2.5) => -3", "round(1.4) => 1",
        "~int(\"42\")~ => 42", "int(3.9) => 3", "int(-3.9) => -3", "~float(\"123.45\")~ => 123.45", "float(3) => 3",
        "string(123) => ~\"123\"~", "string(1.5) => ~\"1.5\"~", "string(1.5e21) => ~\"1.5e+21\"~",
        "string(1000000.0) => ~\"1e+06\"~", "~string([1, \"a\", nil])~ => ~\"[1 a \\u003cnil\\u003e]\"~",
        "~string({\"b\": 1, \"a\": \"x\"})~ => ~\"map[a:x b:1]\"~", "string(true) => ~\"true\"~",
        "~trim(\"  Hello  \")~ => ~\"Hello\"~", "~trim(\"__Hello__\", \"_\")~ => ~\"Hello\"~",
        "~trimPrefix(\"HelloWorld\", \"Hello\")~ => ~\"World\"~", "~trimSuffix(\"HelloWorld\", \"World\")~ => ~\"Hello\"~",
        "~upper(\"hello\")~ => ~\"HELLO\"~", "~lower(\"HELLO\")~ => ~\"hello\"~",
        "~split(\"apple,orange,grape\", \",\")~ => ~[\"apple\",\"orange\",\"grape\"]~",
        "~split(\"apple,orange,grape\", \",\", 2)~ => ~[\"apple\",\"orange,grape\"]~",
        "~splitAfter(\"apple,orange,grape\", \",\")~ => ~[\"apple,\",\"orange,\",\"grape\"]~",
        "~replace(\"Hello World\", \"World\", \"Universe\")~ => ~\"Hello Universe\"~", "~repeat(\"Hi\", 3)~ => ~\"HiHiHi\"~",
        "~indexOf(\"apple pie\", \"pie\")~ => 6", "~lastIndexOf(\"apple pie apple\", \"apple\")~ => 10",
        "~indexOf(\"héllo\", \"l\")~ => 3", "~hasPrefix(\"HelloWorld\", \"Hello\")~ => true",
        "~hasSuffix(\"HelloWorld\", \"World\")~ => true", "max(5, 7) => 7", "min(5, 7) => 5", "max(1, 2.5, 2) => 2.5",
        "min([3, 1, 2]) => 1", "mean([1, 2, 3]) => 2", "median([1, 2, 3, 4]) => 2.5", "first([1, 2, 3]) => 1",
        "last([1, 2, 3]) => 3", "first([]) => null", "~get([1, 2, 3], 1)~ => 2", "~get({\"name\": \"John\"}, \"age\")~ => null",
        "take([1, 2, 3, 4], 2) => [1,2]", "reverse([3, 1, 4]) => [4,1,3]", "sort([3, 1, 4]) => [1,3,4]",
        "~sort([3, 1, 4], \"desc\")~ => [4,3,1]", "uniq([1, 2, 3, 2, 1]) => [1,2,3]", "concat([1, 2], [3, 4]) => [1,2,3,4]",
        "flatten([1, 2, [3, 4]]) => [1,2,3,4]", "~join([\"apple\", \"orange\"], \",\")~ => ~\"apple,orange\"~",
        "~join([\"a\", \"b\"])~ => ~\"ab\"~", "~keys({\"name\": \"John\"})~ => ~[\"name\"]~", "~values({\"age\": 30})~ => [30]",
        "~toPairs({\"a\": 1})~ => ~[[\"a\",1]]~", "~fromPairs([[\"a\", 1]])~ => ~{\"a\":1}~",
        "~toJSON({\"b\": [1, 2], \"a\": \"<x>\"})~ => ~\"{\\n  \\\"a\\\": \\\"\\\\u003cx\\\\u003e\\\",\\n  \\\"b\\\": [\\n    1,\\n    2\\n  ]\\n}\"~",
        "~fromJSON('{\"a\": 1, \"b\": [true, null]}')~ => ~{\"a\":1,\"b\":[true,null]}~",
        "~fromJSON('{\"a\": 1}').a + 1~ => 2", "~toBase64(\"Hello World\")~ => ~\"SGVsbG8gV29ybGQ=\"~",
        "~fromBase64(\"SGVsbG8gV29ybGQ=\")~ => ~\"Hello World\"~", "~type(42)~ => ~\"int\"~", "~type(nil)~ => ~\"nil\"~",
        "bitand(10, 12) => 8", "bitor(10, 12) => 14", "bitxor(10, 12) => 6", "bitnand(10, 12) => 2", "bitnot(10) => -11",
        "bitshl(45, 2) => 180", "bitshr(45, 2) => 11", "bitushr(-5, 2) => 4611686018427387902",
        "all([1, 2, 3], # > 0) => true", "any([1, 2, 3], # > 2) => true", "one([1, 2, 3], # > 2) => true",
        "none([1, 2, 3], # > 5) => true", "map([1, 2, 3], # * 2) => [2,4,6]", "~filter(0..9, {# % 2 == 0})~ => [0,2,4,6,8]",
        "count([1, 2, 3], # > 1) => 2", "count([true, false, true]) => 2", "sum([1, 2, 3]) => 6", "sum([1, 2.5]) => 3.5",
        "sum([1, 2, 3], # * 2) => 12", "find([1, 2, 3, 4], # > 2) => 3", "findIndex([1, 2, 3, 4], # > 2) => 2",
        "findLast([1, 2, 3, 4], # > 2) => 4", "findLastIndex([1, 2, 3, 4], # > 2) => 3", "find([1], # > 5) => null",
        "~map([{\"n\": 1}, {\"n\": 2}], .n)~ => [1,2]", "~filter([{\"n\": 1}, {\"n\": 2}], .n > 1)~ => ~[{\"n\":2}]~",
        "reduce(1..4, #acc + #) => 10", "reduce(1..4, #acc + #, 10) => 20", "reduce([5, 5], #acc + #index, 0) => 1",
        "~sortBy([{\"a\": 3}, {\"a\": 1}], .a)~ => ~[{\"a\":1},{\"a\":3}]~",
        "~sortBy([{\"a\": 3}, {\"a\": 1}], .a, \"desc\")~ => ~[{\"a\":3},{\"a\":1}]~",
        "groupBy([1, 2, 3, 4], # % 2 == 0) => ~{\"false\":[1,3],\"true\":[2,4]}~",
        "~filter([[1, 2], [3]], {let outer = #; any(outer, # > 2)})~ => [[3]]",
    })
    void builtinsBehaveAsDocumented(String source, String json) {
        assertThat(Values.toJson(Expression.compile(source).evaluate(Map.of()))).isEqualTo(json);
    }
}
