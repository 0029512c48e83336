package dev.skiff.engine.yaml;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.Reader;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson's YAML parser, which reports aliases but not the anchors of scalars, with the SnakeYAML event behind
 * the current token made visible: its anchor, and whether a key is a plain {@code <<} (a merge key; a quoted
 * {@code "<<"} is an ordinary key, as in Go's YAML).
 */
final class EventYamlParser extends YAMLParser {

    EventYamlParser(IOContext context, int parserFeatures, int formatFeatures, LoaderOptions options, ObjectCodec codec,
                    Reader reader) {
        super(context, parserFeatures, formatFeatures, options, codec, reader);
    }

    /** The anchor ({@code &name}) of the node the current token starts, if it has one. */
    Optional<String> anchor() {
        if (_lastEvent instanceof NodeEvent node && !(_lastEvent instanceof AliasEvent)) {
            return Optional.ofNullable(node.getAnchor());
        }
        return Optional.empty();
    }

    /** Whether the current field name is a merge key. */
    boolean isMergeKey() {
        return _lastEvent instanceof ScalarEvent scalar && scalar.isPlain() && "<<".equals(scalar.getValue());
    }

    /** A YAML factory whose parsers are {@link EventYamlParser}s. */
    static final class Factory extends YAMLFactory {

        private static final long serialVersionUID = 1L;

        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLParser _createParser(Reader reader, IOContext context) {
            return new EventYamlParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec,
                    reader);
        }
    }
}
