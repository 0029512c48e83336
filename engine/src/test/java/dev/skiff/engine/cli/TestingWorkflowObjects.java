package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Workflow objects as the API returns them, for the pure tests of the cluster commands. */
final class TestingWorkflowObjects {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestingWorkflowObjects() {
    }

    /** A JSON object written with single quotes for readability. */
    static ObjectNode json(String singleQuoted) {
        return (ObjectNode) tree(singleQuoted);
    }

    /** Any JSON value written with single quotes. */
    static com.fasterxml.jackson.databind.JsonNode tree(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource of this package (a recorded Workflow). */
    static ObjectNode resource(String name) {
        try (InputStream in = TestingWorkflowObjects.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
