package dev.skiff.engine.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML (or JSON, which is YAML) into Jackson trees, one per document, resolving anchors, aliases and merge
 * keys as Argo's Go YAML library does (Jackson's own tree reading turns an alias into the anchor's name).
 * Thread-safe and immutable.
 */
public final class YamlReader {

    private final YamlLimits limits;
    private final boolean strictKeys;
    private final EventYamlParser.Factory factory;

    private YamlReader(YamlLimits limits, boolean strictKeys) {
        this.limits = limits;
        this.strictKeys = strictKeys;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(limits.maxChars());
        var builder = YAMLFactory.builder().loaderOptions(options);
        if (strictKeys) {
            builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        }
        this.factory = new EventYamlParser.Factory(builder);
    }

    /** A reader with the default limits; a repeated key keeps its last value. */
    public static YamlReader lenient() {
        return new YamlReader(YamlLimits.DEFAULT, false);
    }

    /** A reader with the default limits that refuses a key repeated in one mapping. */
    public static YamlReader strictKeys() {
        return new YamlReader(YamlLimits.DEFAULT, true);
    }

    /** This reader with other limits. */
    public YamlReader withLimits(YamlLimits newLimits) {
        return new YamlReader(Objects.requireNonNull(newLimits, "limits"), strictKeys);
    }

    /** The limits this reader applies. */
    public YamlLimits limits() {
        return limits;
    }

    /**
     * Every non-empty document of {@code text}, in order (a document that is empty, {@code null} or {@code ""} is
     * left out, as Argo's CLI skips blank documents). An empty value ({@code key:}) reads as {@code ""}, as
     * Skiff has always read workflows (Jackson's YAML factory builder's default).
     *
     * @throws YamlException when the text is too long, not valid YAML, or exceeds a limit
     */
    public List<YamlDocument> readAll(String text) {
        if (text.length() > limits.maxChars()) {
            throw new YamlException(0, 0, "the text is " + text.length() + " characters long, more than Skiff reads ("
                    + limits.maxChars() + "; a Kubernetes object holds at most about 1.5 MiB)", null);
        }
        List<YamlDocument> documents = new ArrayList<>();
        try (EventYamlParser parser = (EventYamlParser) factory.createParser(new StringReader(text))) {
            YamlTreeBuilder builder = new YamlTreeBuilder(parser, limits);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode root = builder.document(token);
                // An empty document reads as null or "" (Jackson's YAML builder reads an empty scalar as "").
                if (!root.isNull() && !(root.isTextual() && root.textValue().isEmpty())) {
                    documents.add(new YamlDocument(documents.size() + 1, line, root));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new YamlException(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    e.getOriginalMessage(), e, true);
        } catch (IOException e) {
            throw new YamlException(0, 0, "cannot read the text: " + e.getMessage(), e);
        }
        return documents;
    }
}
