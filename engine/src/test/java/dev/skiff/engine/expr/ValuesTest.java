package dev.skiff.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go encoding/json and fmt compatibility of value rendering. */
class ValuesTest {

    @Test
    void floatsAreWrittenLikeGoJson() {
        assertThat(Values.toJson(3.0)).isEqualTo("3");
        assertThat(Values.toJson(1.5)).isEqualTo("1.5");
        assertThat(Values.toJson(1e21)).isEqualTo("1e+21");
        assertThat(Values.toJson(1e20)).isEqualTo("100000000000000000000");
        assertThat(Values.toJson(1e-7)).isEqualTo("1e-7");
        assertThat(Values.toJson(0.00001)).isEqualTo("0.00001");
    }

    @Test
    void floatsAreSprintedLikeGoFmt() {
        assertThat(Values.sprint(1e6)).isEqualTo("1e+06");
        assertThat(Values.sprint(123456.0)).isEqualTo("123456");
        assertThat(Values.sprint(1234567.0)).isEqualTo("1.234567e+06");
        assertThat(Values.sprint(0.0001)).isEqualTo("0.0001");
        assertThat(Values.sprint(0.00001)).isEqualTo("1e-05");
    }

    @Test
    void mapKeysAreSortedAndHtmlIsEscaped() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", Arrays.asList("x<y>&z", null, true));
        assertThat(Values.toJson(m)).isEqualTo("{\"a\":[\"x\\u003cy\\u003e\\u0026z\",null,true],\"b\":1}");
        assertThat(Values.toJson("\u2028\b\f\u0001")).isEqualTo("\"\\u2028\\b\\f\\u0001\"");
    }

    @Test
    void templateStringsAreRawForStringsAndJsonOtherwise() {
        assertThat(Values.toTemplateString("a<b")).isEqualTo("a<b");
        assertThat(Values.toTemplateString(List.of("a", 2L))).isEqualTo("[\"a\",2]");
        assertThat(Values.toTemplateString(5.0)).isEqualTo("5");
        assertThat(Values.toTemplateString(true)).isEqualTo("true");
    }

    @Test
    void infinityCannotBeWrittenAsJson() {
        assertThatThrownBy(() -> Values.toJson(Double.POSITIVE_INFINITY)).hasMessage("json: unsupported value: +Inf");
    }

    @Test
    void jsonNumbersDecodeAsFloatsLikeGo() {
        Object v = Values.fromJson("{\"a\": 1, \"b\": [2.5, \"x\", null], \"a\": 3}");
        assertThat(v).isEqualTo(Map.of("a", 3.0, "b", Arrays.asList(2.5, "x", null)));
        assertThatThrownBy(() -> Values.fromJson("{\"a\":")).isInstanceOf(ExpressionException.class);
        assertThatThrownBy(() -> Values.fromJson("1 2")).isInstanceOf(ExpressionException.class);
    }
}
