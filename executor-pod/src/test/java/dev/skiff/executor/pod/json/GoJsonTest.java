package dev.skiff.executor.pod.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonTest {

    @Test
    void writesCompactlyWithGosHtmlEscapes() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("a", "<b> & c");
        tree.put("n", 3L);
        tree.put("l", List.of(true, 1.5));

        // encoding/json escapes <, > and & (and U+2028/9); Gson's default would also escape = and '
        assertThat(GoJson.write(tree)).isEqualTo("{\"a\":\"\\u003cb\\u003e \\u0026 c\",\"n\":3,\"l\":[true,1.5]}");
        assertThat(GoJson.write(Map.of("q", "a='b'"))).isEqualTo("{\"q\":\"a='b'\"}");
    }

    @Test
    void byteLengthCountsUtf8() {
        assertThat(GoJson.byteLength("\"é\"")).isEqualTo(4);
    }

    @Test
    void readsIntegersAsLongsAndRefusesLenientJson() {
        assertThat(GoJson.read("{\"x\": 30, \"y\": 1.5}")).isEqualTo(Map.of("x", 30L, "y", 1.5));
        assertThatThrownBy(() -> GoJson.read("{\"containers\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoJson.read("{a: 1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoJson.read("{} {}")).isInstanceOf(IllegalArgumentException.class);
    }
}
