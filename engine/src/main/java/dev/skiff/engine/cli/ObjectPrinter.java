package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.model.WorkflowCodec;
import java.io.PrintStream;
import java.util.List;

/** Prints Workflow objects of a cluster as {@code -o json|yaml|name} ask, without {@code managedFields}. */
final class ObjectPrinter {

    private ObjectPrinter() {
    }

    static void print(PrintStream out, ObjectNode wf, ObjectOutput format) {
        switch (format) {
            case JSON -> println(out, WorkflowCodec.toJson(WorkflowObjects.withoutManagedFields(wf)));
            case YAML -> println(out, WorkflowCodec.toYaml(WorkflowObjects.withoutManagedFields(wf)));
            case NAME, WIDE -> out.println(WorkflowObjects.name(wf));
        }
        out.flush();
    }

    /** Several objects: a JSON or YAML list, or one name a line. */
    static void printAll(PrintStream out, List<ObjectNode> wfs, ObjectOutput format) {
        if (format == ObjectOutput.NAME || format == ObjectOutput.WIDE) {
            wfs.forEach(wf -> out.println(WorkflowObjects.name(wf)));
            out.flush();
            return;
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        wfs.forEach(wf -> list.add(WorkflowObjects.withoutManagedFields(wf)));
        println(out, format == ObjectOutput.JSON ? WorkflowCodec.toJson(list) : WorkflowCodec.toYaml(list));
        out.flush();
    }

    private static void println(PrintStream out, String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
    }
}
