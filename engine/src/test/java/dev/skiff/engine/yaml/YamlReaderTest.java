package dev.skiff.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private static final YamlReader READER = YamlReader.lenient();

    private static JsonNode one(String yaml) {
        List<YamlDocument> documents = READER.readAll(yaml);
        assertThat(documents).hasSize(1);
        return documents.getFirst().root();
    }

    @Test
    void anAliasStandsForItsAnchorsValueNotItsName() {
        JsonNode root = one("args: [&g \"hello\", *g]\nn: [&five 5, *five]\n");
        assertThat(root.get("args").toString()).isEqualTo("[\"hello\",\"hello\"]");
        assertThat(root.get("n").toString()).isEqualTo("[5,5]");
    }

    @Test
    void anAliasedMappingIsACopy() {
        JsonNode root = one("a: &c {image: busybox, command: [echo]}\nb: *c\n");
        assertThat(root.get("b")).isEqualTo(root.get("a")).isNotSameAs(root.get("a"));
    }

    @Test
    void mergeKeysApplyAMappingAndLaterKeysOverrideIt() {
        JsonNode root = one("""
                base: &c {image: busybox, command: [echo, base]}
                main:
                  <<: *c
                  command: [echo, main]
                """);
        assertThat(root.get("main").toString()).isEqualTo("{\"image\":\"busybox\",\"command\":[\"echo\",\"main\"]}");
    }

    @Test
    void aListOfMergedMappingsLetsEarlierOnesWinAsGoYamlDoes() {
        JsonNode root = one("""
                a: &a {x: 1, y: 1}
                b: &b {y: 2, z: 2}
                m:
                  <<: [*a, *b]
                  w: 0
                """);
        assertThat(root.get("m").toString()).isEqualTo("{\"y\":1,\"z\":2,\"x\":1,\"w\":0}");
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKey() {
        assertThat(one("\"<<\": {a: 1}\n").toString()).isEqualTo("{\"<<\":{\"a\":1}}");
    }

    @Test
    void aMergeKeyOnAScalarIsRefusedWithItsLine() {
        assertThatThrownBy(() -> READER.readAll("a: 1\nm:\n  <<: 5\n"))
                .isInstanceOf(YamlException.class)
                .hasMessage("at line 3, column 3: a merge key << needs a mapping or a list of mappings as its value");
    }

    @Test
    void anUnknownAliasNamesTheAnchor() {
        assertThatThrownBy(() -> READER.readAll("a: *nope\n"))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("unknown anchor 'nope'");
    }

    @Test
    void anchorsDoNotReachIntoTheNextDocument() {
        assertThatThrownBy(() -> READER.readAll("a: &x 1\n---\nb: *x\n"))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("unknown anchor 'x'");
    }

    @Test
    void anAliasBombStopsAtTheLimitWithAMessageNamingIt() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        assertThatThrownBy(() -> READER.readAll(yaml.toString()))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("aliases expand to more than 100000 nodes")
                .hasMessageContaining("billion laughs");
    }

    @Test
    void documentsAreNumberedWithTheirLinesAndEmptyOnesLeftOut() {
        List<YamlDocument> documents = READER.readAll("a: 1\n---\n---\n# nothing\n---\nb: 2\n");
        assertThat(documents).extracting(YamlDocument::number, YamlDocument::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(2, 6));
    }

    @Test
    void textOverTheLimitIsRefusedBeforeParsing() {
        String yaml = "a: \"" + "x".repeat(YamlLimits.DEFAULT.maxChars()) + "\"\n";
        assertThatThrownBy(() -> READER.readAll(yaml))
                .isInstanceOf(YamlException.class)
                .hasMessageContaining("more than Skiff reads (3145728");
    }

    @Test
    void deepNestingIsRefused() {
        String yaml = "[".repeat(1_100) + "]".repeat(1_100);
        assertThatThrownBy(() -> READER.readAll(yaml)).isInstanceOf(YamlException.class);
    }

    @Test
    void repeatedKeysAreRefusedOnlyByTheStrictReader() {
        assertThat(READER.readAll("a: 1\na: 2\n").getFirst().root().get("a").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> YamlReader.strictKeys().readAll("a: 1\na: 2\n"))
                .isInstanceOf(YamlException.class).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void withoutAliasesEveryExampleAndConformanceCaseReadsAsJacksonDid() throws IOException {
        // The mapper WorkflowCodec read workflows with before it resolved aliases.
        YAMLMapper jackson = YAMLMapper.builder(com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder().build())
                .build();
        List<Path> files;
        try (Stream<Path> examples = Files.list(Path.of("../examples"));
             Stream<Path> cases = Files.list(Path.of("../conformance/cases"))) {
            files = Stream.concat(examples, cases).filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        for (Path file : files) {
            String text = Files.readString(file);
            // A file may hold several documents (a WorkflowTemplate beside its Workflow): each reads as Jackson did.
            List<JsonNode> expected = jackson.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
            assertThat(READER.readAll(text).stream().map(YamlDocument::root).toList()).as(file.toString())
                    .isEqualTo(expected);
        }
    }
}
