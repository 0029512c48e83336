package dev.skiff.engine.model;

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
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads and writes workflows: YAML or JSON in, Argo's JSON or YAML shape out. */
public final class WorkflowCodec {

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .build();
    private static final YamlReader YAML_READER = YamlReader.lenient();
    private static final String API_VERSION = "argoproj.io/v1alpha1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY_JSON = JSON.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    private WorkflowCodec() {
    }

    /**
     * Reads a workflow from YAML or JSON text holding one document. {@code kind} and {@code apiVersion} may be left
     * out; when present they must be {@code Workflow} and {@code argoproj.io/v1alpha1}. YAML anchors, aliases and
     * merge keys are resolved as Argo's Go YAML library resolves them.
     *
     * @throws WorkflowFormatException when the text is not a readable Workflow; the message names the
     *                                 source and the line or field
     */
    public static Workflow read(String text, String sourceName) {
        List<YamlDocument> documents = documents(text, sourceName);
        if (documents.isEmpty()) {
            throw new WorkflowFormatException(sourceName + ": the file is empty; expected a Workflow");
        }
        if (documents.size() > 1) {
            throw new WorkflowFormatException(sourceName + ": holds " + documents.size()
                    + " documents; expected one Workflow");
        }
        JsonNode root = documents.getFirst().root();
        if (!root.isObject()) {
            throw new WorkflowFormatException(sourceName + ": expected a Workflow object, found "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT));
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
        check(document, "apiVersion", API_VERSION, sourceName);
        return workflow(document, sourceName);
    }

    /**
     * Reads every document of a manifest file, as {@code argo submit} and {@code argo lint} do: documents of
     * kind {@code Workflow} (apiVersion {@code argoproj.io/v1alpha1} or none) become Workflows, those of kind
     * {@code WorkflowTemplate} and {@code ClusterWorkflowTemplate} (likewise)
     * become {@link WorkflowTemplate}s, anything else is described so that the caller can say what it skipped.
     * Empty documents are left out.
     *
     * @throws WorkflowFormatException when the text is not valid YAML or JSON
     */
    public static List<ManifestDocument> readManifests(String text, String sourceName) {
        List<ManifestDocument> out = new ArrayList<>();
        for (YamlDocument doc : documents(text, sourceName)) {
            out.add(manifest(doc, sourceName));
        }
        return out;
    }

    private static ManifestDocument manifest(YamlDocument doc, String sourceName) {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            return new ManifestDocument.OtherDocument(doc.number(), doc.line(), "a "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a Kubernetes object");
        }
        String kind = text(root.get("kind"));
        String apiVersion = text(root.get("apiVersion"));
        String name = text(root.path("metadata").get("name"));
        if (name.isEmpty()) {
            name = text(root.path("metadata").get("generateName"));
        }
        boolean templateKind = kind.equals(WorkflowTemplate.KIND) || kind.equals(WorkflowTemplate.CLUSTER_KIND);
        if (templateKind && (apiVersion.isEmpty() || apiVersion.equals(API_VERSION))) {
            try {
                return new ManifestDocument.TemplateDoc(doc.number(), doc.line(),
                        WorkflowTemplate.read((ObjectNode) root, sourceName));
            } catch (WorkflowFormatException e) {
                return new ManifestDocument.UnreadableTemplate(doc.number(), doc.line(), kind, name, e.getMessage());
            }
        }
        if (kind.equals("Workflow") && (apiVersion.isEmpty() || apiVersion.equals(API_VERSION))) {
            try {
                return new ManifestDocument.WorkflowDoc(doc.number(), doc.line(),
                        workflow((ObjectNode) root, sourceName));
            } catch (WorkflowFormatException e) {
                String problem = e.getMessage().startsWith(sourceName + ": ")
                        ? e.getMessage().substring(sourceName.length() + 2) : e.getMessage();
                return new ManifestDocument.UnreadableWorkflow(doc.number(), doc.line(), name, problem);
            }
        }
        String description;
        if (kind.isEmpty() && apiVersion.isEmpty()) {
            List<String> keys = new ArrayList<>();
            root.fieldNames().forEachRemaining(keys::add);
            description = "a mapping without apiVersion and kind (keys: "
                    + String.join(", ", keys.subList(0, Math.min(5, keys.size()))) + (keys.size() > 5 ? ", ..." : "")
                    + ")";
        } else {
            description = (kind.isEmpty() ? "an object without kind" : kind)
                    + (name.isEmpty() ? "" : " \"" + name + "\"")
                    + " (" + (apiVersion.isEmpty() ? "no apiVersion" : apiVersion) + ")";
        }
        return new ManifestDocument.OtherDocument(doc.number(), doc.line(), description);
    }

    private static List<YamlDocument> documents(String text, String sourceName) {
        try {
            return YAML_READER.readAll(text);
        } catch (YamlException e) {
            String where = e.line() == 0 ? ""
                    : " at line " + e.line() + (e.column() == 0 ? "" : ", column " + e.column());
            throw new WorkflowFormatException(sourceName + ": not valid YAML or JSON" + where + ": " + e.problem(), e);
        }
    }

    private static Workflow workflow(ObjectNode document, String sourceName) {
        try {
            Optional<WorkflowStatus> status = Optional.ofNullable(document.get("status"))
                    .filter(JsonNode::isObject).map(StatusJson::read);
            return new Workflow(document, sourceName, status);
        } catch (WorkflowFormatException e) {
            throw new WorkflowFormatException(sourceName + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode value) {
        return value == null || !value.isValueNode() || value.isNull() ? "" : value.asText();
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

    /** Any JSON tree (Workflow objects as the API returns them, lists of them) in the same pretty JSON. */
    public static String toJson(com.fasterxml.jackson.databind.JsonNode tree) {
        try {
            return PRETTY_JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Any JSON tree in the same YAML style. */
    public static String toYaml(com.fasterxml.jackson.databind.JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
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
