package dev.skiff.engine.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.skiff.engine.yaml.YamlDocument;
import dev.skiff.engine.yaml.YamlException;
import dev.skiff.engine.yaml.YamlReader;
import java.util.List;

/**
 * A resource template's {@code setOwnerReference: true}, as Argo's executeResource does it before building the
 * pod: the manifest's object gets the Workflow as controller owner (appended to its own owner references), and the
 * manifest is written again as YAML with sorted keys (sigs.k8s.io/yaml's marshalling), so that Kubernetes'
 * garbage collector deletes the object with the workflow.
 */
final class ResourceOwnerReference {

    private static final YamlReader READER = YamlReader.lenient();
    private static final YAMLMapper WRITER = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ResourceOwnerReference() {
    }

    /**
     * The manifest with the workflow as its object's controller owner.
     *
     * @throws ReconcileException when the manifest is not YAML of one object (the node errors, as in Argo)
     */
    static String add(String manifest, String workflowName, String workflowUid) {
        List<YamlDocument> documents;
        try {
            documents = READER.readAll(manifest);
        } catch (YamlException e) {
            throw new ReconcileException("resource.manifest: " + e.getMessage());
        }
        if (documents.isEmpty() || !documents.getFirst().root().isObject()) {
            throw new ReconcileException("resource.manifest: setOwnerReference needs the manifest to be one"
                    + " Kubernetes object");
        }
        ObjectNode object = (ObjectNode) documents.getFirst().root().deepCopy();
        JsonNode metadata = object.path("metadata");
        ObjectNode meta = metadata.isObject() ? (ObjectNode) metadata : object.putObject("metadata");
        JsonNode owners = meta.path("ownerReferences");
        ArrayNode list = owners.isArray() ? (ArrayNode) owners : meta.putArray("ownerReferences");
        ObjectNode owner = list.addObject();
        owner.put("apiVersion", "argoproj.io/v1alpha1");
        owner.put("kind", "Workflow");
        owner.put("name", workflowName);
        owner.put("uid", workflowUid);
        owner.put("controller", true);
        owner.put("blockOwnerDeletion", true);
        try {
            // Sorted keys: go through a map, which ORDER_MAP_ENTRIES_BY_KEYS sorts at every level.
            Object tree = WRITER.convertValue(object, Object.class);
            return WRITER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new ReconcileException("resource.manifest: " + e.getOriginalMessage());
        }
    }
}
