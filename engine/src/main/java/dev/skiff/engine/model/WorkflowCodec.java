package dev.skiff.engine.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Optional;

/** Reads and writes workflows: YAML or JSON in, Argo's JSON or YAML shape out. */
public final class WorkflowCodec {

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY_JSON = JSON.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    private WorkflowCodec() {
    }

    /**
     * Reads a workflow from YAML or JSON text.
     *
     * @throws WorkflowFormatException when the text is not a readable Workflow; the message names the
     *                                 source and the line or field
     */
    public static Workflow read(String text, String sourceName) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new WorkflowFormatException(sourceName + ": not valid YAML or JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new WorkflowFormatException(sourceName + ": the file is empty; expected a Workflow");
        }
        if (!root.isObject()) {
            throw new WorkflowFormatException(sourceName + ": expected a Workflow object, found "
                    + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return read((ObjectNode) root, sourceName);
    }

    /**
     * Reads a workflow from a JSON tree (an object as the Kubernetes API returns it); the tree becomes the
     * workflow's document and must not be changed afterwards.
     *
     * @throws WorkflowFormatException when the tree is not a readable Workflow; the message names the source and
     *                                 the field
     */
    public static Workflow read(ObjectNode document, String sourceName) {
        check(document, "kind", "Workflow", sourceName);
        check(document, "apiVersion", "argoproj.io/v1alpha1", sourceName);
        try {
            Optional<WorkflowStatus> status = Optional.ofNullable(document.get("status"))
                    .filter(JsonNode::isObject).map(StatusJson::read);
            return new Workflow(document, sourceName, status);
        } catch (WorkflowFormatException e) {
            throw new WorkflowFormatException(sourceName + ": " + e.getMessage(), e);
        }
    }

    /** Pretty JSON in Argo's shape, status included. */
    public static String toJson(Workflow wf) {
        try {
            return PRETTY_JSON.writeValueAsString(toTree(wf));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write workflow as JSON", e);
        }
    }

    /** YAML in Argo's shape, status included. */
    public static String toYaml(Workflow wf) {
        try {
            return YAML.writeValueAsString(toTree(wf));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write workflow as YAML", e);
        }
    }

    /** The status alone as Argo's JSON object. */
    public static ObjectNode statusTree(WorkflowStatus status) {
        return StatusJson.write(status);
    }

    /** The whole workflow as a JSON tree, status included. */
    public static ObjectNode toTree(Workflow wf) {
        ObjectNode tree = wf.documentView().deepCopy();
        wf.status().ifPresent(s -> tree.set("status", StatusJson.write(s)));
        return tree;
    }

    private static void check(ObjectNode document, String field, String expected, String sourceName) {
        JsonNode value = document.get(field);
        if (value != null && !value.isNull() && !expected.equals(value.asText())) {
            throw new WorkflowFormatException(sourceName + ": " + field + " is \"" + value.asText()
                    + "\"; Skiff runs only " + field + " " + expected);
        }
    }
}
