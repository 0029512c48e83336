package dev.skiff.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.engine.controller.ControllerLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ControllerLogFormatTest {

    private static LogRecord event(String name, Map<String, String> fields) {
        ControllerLog.Event e = new ControllerLog.Event(name, fields);
        LogRecord r = new LogRecord(Level.INFO, ControllerLog.text(e));
        r.setParameters(new Object[] {e});
        r.setLoggerName("dev.skiff.controller");
        return r;
    }

    private static final Map<String, String> FIELDS = new LinkedHashMap<>(Map.of("workflow", "hub/ns/wf"));

    static {
        FIELDS.put("message", "invalid spec: template name 'nope' undefined");
    }

    @Test
    void textIsOneLineOfKeyValuePairsWithQuotedValuesWhereNeeded() {
        Formatter f = ControllerLogFormat.TEXT.formatter(false);
        String line = f.format(event("workflow.refused", FIELDS));
        assertThat(line).endsWith(" info event=workflow.refused workflow=hub/ns/wf"
                + " message=\"invalid spec: template name 'nope' undefined\"\n");
        assertThat(line.split("\n")).hasSize(1);
    }

    @Test
    void jsonHasTheEventAndItsFieldsAsMembersAndNoStackTraceWithoutDebug() throws Exception {
        Formatter f = ControllerLogFormat.JSON.formatter(false);
        var tree = new ObjectMapper().readTree(f.format(event("workflow.refused", FIELDS)));
        assertThat(tree.path("level").asText()).isEqualTo("info");
        assertThat(tree.path("event").asText()).isEqualTo("workflow.refused");
        assertThat(tree.path("workflow").asText()).isEqualTo("hub/ns/wf");
        assertThat(tree.path("message").asText()).isEqualTo("invalid spec: template name 'nope' undefined");

        LogRecord plain = new LogRecord(Level.WARNING, "plugin folder {0} failed");
        plain.setParameters(new Object[] {"x"});
        plain.setThrown(new IllegalStateException("boom"));
        var other = new ObjectMapper().readTree(f.format(plain));
        assertThat(other.path("msg").asText()).isEqualTo("plugin folder x failed");
        assertThat(other.path("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(other.has("stack")).isFalse();
    }

    @Test
    void anUnknownFormatIsAUserError() {
        assertThat(ControllerLogFormat.parse("JSON")).isEqualTo(ControllerLogFormat.JSON);
        assertThatThrownBy(() -> ControllerLogFormat.parse("xml")).isInstanceOf(UserInputException.class)
                .hasMessage("--log-format must be text or json, not 'xml'");
    }
}
