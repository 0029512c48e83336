package dev.skiff.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argo's extra functions and sprig; expected values checked against Argo's env with sprig v3.3.0. */
class ArgoFunctionsTest {
    private static final Map<String, Object> ENV = Map.of("j", "{\"a\":{\"b\":[1,2,{\"c\":\"d\"}]}}",
        "rows", "[{\"n\":1,\"v\":\"x\"},{\"n\":2,\"v\":\"y\"}]");

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "~asInt(\"5\") * 2~ => 10", "~asFloat(\"1.5\") * 2~ => 3", "~toJson({\"b\": 1.0, \"a\": [\"<\"]})~ => ~\"{\\\"a\\\":[\\\"\\\\u003c\\\"],\\\"b\\\":1}\"~",
        "~jsonpath(j, \"$.a.b[2].c\")~ => ~\"d\"~", "~jsonpath(j, \"$.a.b\")~ => ~[1,2,{\"c\":\"d\"}]~",
        "~jsonpath(j, \"$..c\")~ => ~[\"d\"]~", "~jsonpath(j, \"$.a.b[-1]\")~ => ~{\"c\":\"d\"}~",
        "~jsonpath(j, \"$.a.b[0:2]\")~ => [1,2]", "~jsonpath(rows, \"$[?(@.n > 1)].v\")~ => ~[\"y\"]~",
        "~jsonpath(rows, \"$[*].n\")~ => [1,2]",
        "~sprig.trim(\"  a \")~ => ~\"a\"~", "~sprig.title(\"hello world-x\")~ => ~\"Hello World-X\"~",
        "~sprig.replace(\"a\", \"b\", \"banana\")~ => ~\"bbnbnb\"~", "~sprig.trimPrefix(\"ba\", \"banana\")~ => ~\"nana\"~",
        "~sprig.repeat(3, \"ab\")~ => ~\"ababab\"~", "~sprig.substr(1, 3, \"banana\")~ => ~\"an\"~",
        "~sprig.trunc(3, \"banana\")~ => ~\"ban\"~", "~sprig.default(\"d\", \"\")~ => ~\"d\"~",
        "~sprig.default(\"d\", \"x\")~ => ~\"x\"~", "~sprig.coalesce(\"\", \"b\")~ => ~\"b\"~",
        "~sprig.join(\",\", [\"a\", \"b\"])~ => ~\"a,b\"~", "~sprig.splitList(\",\", \"a,b\")~ => ~[\"a\",\"b\"]~",
        "~sprig.split(\",\", \"a,b\")~ => ~{\"_0\":\"a\",\"_1\":\"b\"}~", "sprig.uniq([1, 1, 2]) => [1,2]",
        "sprig.has(1, [1, 2]) => true", "~sprig.add(\"1\", 2)~ => 3", "sprig.div(7, 2) => 3", "sprig.max(1, 5, 3) => 5",
        "~sprig.int(\"42\")~ => 42", "sprig.int(3.7) => 3", "~sprig.quote(\"a\", 1)~ => ~\"\\\"a\\\" \\\"1\\\"\"~",
        "~sprig.b64enc(\"hi\")~ => ~\"aGk=\"~", "~sprig.regexMatch(\"^a\", \"abc\")~ => true",
        "~sprig.regexReplaceAll(\"a(x*)b\", \"-ab-axxb-\", \"${1}W\")~ => ~\"-W-xxW-\"~",
        "~sprig.get({\"a\": 1}, \"b\")~ => ~\"\"~", "~sprig.ternary(\"y\", \"n\", true)~ => ~\"y\"~",
    })
    void argoExtrasMatchArgo(String source, String json) {
        assertThat(Values.toJson(Expression.compile(source).evaluate(ENV))).isEqualTo(json);
    }
}
