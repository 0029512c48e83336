package dev.skiff.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argo tag substitution: simple tags, expressions, KEEP/FAIL, nested env expansion. */
class TagRendererTest {
    private static final TagScope SCOPE = TagScope.of(Map.of(
        "inputs.parameters.x", "5",
        "inputs.parameters.name", "world",
        "steps.my-step.outputs.result", "heads",
        "item", "{\"name\":\"a\"}",
        "item.name", "a",
        "workflow.name", "wf-1",
        "inputs.parameters.json", "{\"a\":{\"b\":[1,2,{\"c\":\"d\"}]}}"));

    private static String render(String text) {
        return TagRenderer.render(text, SCOPE, UnresolvedTags.FAIL);
    }

    @Test
    void simpleTagsAreTrimmedAndSubstituted() {
        assertThat(render("hello {{inputs.parameters.name}} and {{ workflow.name }}")).isEqualTo("hello world and wf-1");
        assertThat(render("no tags")).isEqualTo("no tags");
    }

    @Test
    void expressionTagsSeeNestedEnvironment() {
        assertThat(render("{{=asInt(inputs.parameters.x) + 1}}")).isEqualTo("6");
        assertThat(render("{{=steps['my-step'].outputs.result == 'heads' ? 'yes' : 'no'}}")).isEqualTo("yes");
        assertThat(render("{{=sprig.upper(inputs.parameters.name)}}")).isEqualTo("WORLD");
        assertThat(render("{{= asFloat(inputs.parameters.x) / 2 }}")).isEqualTo("2.5");
    }

    @Test
    void keyThatIsAlsoAPrefixGivesWayToNestedMapInExpressions() {
        assertThat(render("{{item}}")).isEqualTo("{\"name\":\"a\"}");
        assertThat(render("{{=item.name}}")).isEqualTo("a");
    }

    @Test
    void nonStringExpressionResultsAreWrittenAsJson() {
        assertThat(render("{{=[1, 'a<b']}}")).isEqualTo("[1,\"a\\u003cb\"]");
        assertThat(render("{{=2 * 3.0}}")).isEqualTo("6");
        assertThat(render("{{=1 < 2}}")).isEqualTo("true");
        assertThat(render("{{=toJson({'b': 1, 'a': 2})}}")).isEqualTo("{\"a\":2,\"b\":1}");
    }

    @Test
    void unresolvedSimpleTagFailsNamingTheTag() {
        assertThatThrownBy(() -> render("x {{inputs.parameters.y}}"))
            .isInstanceOf(TemplateException.class).hasMessage("failed to resolve {{inputs.parameters.y}}");
    }

    @Test
    void unresolvedTagsAreKeptVerbatimInKeepMode() {
        String text = "a {{ inputs.parameters.y }} b {{=item2 + 1}} c {{inputs.parameters.x}}";
        assertThat(TagRenderer.render(text, SCOPE, UnresolvedTags.KEEP))
            .isEqualTo("a {{ inputs.parameters.y }} b {{=item2 + 1}} c 5");
    }

    @Test
    void expressionWithLateBindingVariableIsKeptUntilItExists() {
        TagScope noItem = TagScope.of(Map.of("inputs.parameters.x", "1"));
        assertThat(TagRenderer.render("{{=sprig.upper(item)}}", noItem, UnresolvedTags.KEEP)).isEqualTo("{{=sprig.upper(item)}}");
        assertThat(TagRenderer.render("{{=retries + 1}}", noItem, UnresolvedTags.KEEP)).isEqualTo("{{=retries + 1}}");
    }

    @Test
    void keepIfMissingKeepsOnlyExpressionsWithAMissingVariable() {
        // Argo's expressionReplaceStrict: unresolved is allowed only when an identifier is missing.
        assertThat(TagRenderer.render("{{=asInt(steps.other.outputs.result)}} {{inputs.parameters.y}}", SCOPE,
            UnresolvedTags.KEEP_IF_MISSING)).isEqualTo("{{=asInt(steps.other.outputs.result)}} {{inputs.parameters.y}}");
        assertThat(TagRenderer.render("{{=asInt(inputs.parameters.x) + 1}}", SCOPE, UnresolvedTags.KEEP_IF_MISSING))
            .isEqualTo("6");
    }

    @Test
    void keepIfMissingFailsOnAnExpressionWhoseVariablesAreAllKnown() {
        assertThatThrownBy(() -> TagRenderer.render("{{=asInt(steps['my-step'].outputs.result) + 1}}", SCOPE,
            UnresolvedTags.KEEP_IF_MISSING)).isInstanceOf(TemplateException.class)
            .hasMessage("failed to evaluate expression: invalid operation: int(heads) (1:1)\n"
                + " | asInt(steps['my-step'].outputs.result) + 1\n | ^");
        assertThatThrownBy(() -> TagRenderer.render("{{=asInt('x')}}", SCOPE, UnresolvedTags.KEEP_IF_MISSING))
            .hasMessageStartingWith("failed to evaluate expression: invalid operation: int(x) (1:1)");
        assertThatThrownBy(() -> TagRenderer.render("{{=1 +* 2}}", SCOPE, UnresolvedTags.KEEP_IF_MISSING))
            .hasMessageStartingWith("failed to evaluate expression: ");
        assertThatThrownBy(() -> TagRenderer.render("{{=nil}}", SCOPE, UnresolvedTags.KEEP_IF_MISSING))
            .hasMessage("failed to evaluate expression \"nil\"");
    }

    @Test
    void missingVariableInExpressionFailsInFailMode() {
        assertThatThrownBy(() -> render("{{=inputs.parameters.y + 'x'}}"))
            .hasMessage("failed to evaluate expression: inputs.parameters.y is missing");
        assertThatThrownBy(() -> render("{{=nosuch}}")).hasMessage("failed to evaluate expression: nosuch is missing");
    }

    @Test
    void guardedMissingVariableFallsBackWithCoalesce() {
        assertThat(render("{{=inputs.parameters.y ?? 'dflt'}}")).isEqualTo("dflt");
    }

    @Test
    void nilExpressionResultFailsInFailModeAndIsKeptInKeepMode() {
        assertThatThrownBy(() -> render("{{=nil}}")).hasMessage("failed to evaluate expression \"nil\"");
        assertThat(TagRenderer.render("{{=nil}}", SCOPE, UnresolvedTags.KEEP)).isEqualTo("{{=nil}}");
    }

    @Test
    void absentOptionalValueIsATerminalError() {
        Map<String, Object> m = new HashMap<>();
        m.put("steps.s.outputs.result", null);
        TagScope scope = TagScope.of(m);
        assertThatThrownBy(() -> TagRenderer.render("{{steps.s.outputs.result}}", scope, UnresolvedTags.KEEP))
            .hasMessageContaining("absent optional");
        assertThat(TagRenderer.render("{{=steps.s.outputs.result ?? 'none'}}", scope, UnresolvedTags.FAIL)).isEqualTo("none");
    }

    @Test
    void tagEndsAtFirstClosingBraces() {
        assertThat(TagRenderer.render("{{='}}'}}", SCOPE, UnresolvedTags.KEEP)).isEqualTo("{{='}}'}}");
        assertThatThrownBy(() -> render("{{='}}'}}")).hasMessageStartingWith("failed to evaluate expression: literal not terminated");
    }

    @Test
    void openTagWithoutCloseIsAnError() {
        assertThatThrownBy(() -> TagRenderer.render("echo {{oops", SCOPE, UnresolvedTags.KEEP))
            .isInstanceOf(TemplateException.class).hasMessageContaining("cannot find end tag");
    }

    @Test
    void nestedTagResolvesInnerFirst() {
        TagScope scope = TagScope.of(Map.of("item", "x", "inputs.parameters.x", "5"));
        assertThat(TagRenderer.render("{{inputs.parameters.{{item}}}}", scope, UnresolvedTags.KEEP))
            .isEqualTo("{{inputs.parameters.x}}");
    }

    @Test
    void jsonpathQueriesParameters() {
        assertThat(render("{{=jsonpath(inputs.parameters.json, '$.a.b[2].c')}}")).isEqualTo("d");
    }

    @Test
    void lintListsTags() {
        String text = "{{ a.b }} {{=x + 1}} {{c}}";
        assertThat(TagRenderer.simpleTags(text)).isEqualTo(List.of("a.b", "c"));
        assertThat(TagRenderer.expressionTags(text)).isEqualTo(List.of("x + 1"));
    }

    @Test
    void expressionEnvIsExpandedOnceAndImmutable() {
        TagScope scope = TagScope.of(Collections.singletonMap("a.b", "1"));
        assertThat(scope.expressionEnv()).isSameAs(scope.expressionEnv());
        assertThat(scope.expressionEnv()).isEqualTo(Map.of("a", Map.of("b", "1")));
    }
}
