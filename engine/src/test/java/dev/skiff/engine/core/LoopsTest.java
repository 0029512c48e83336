package dev.skiff.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.engine.model.NodePhase;
import dev.skiff.engine.model.NodeStatus;
import dev.skiff.engine.model.NodeType;
import dev.skiff.engine.model.WorkflowPhase;
import dev.skiff.spi.executor.StepRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopsTest {

    @Test
    void withItemsScalarsNameNodesByIndexAndItem() {
        // examples/loops.yaml: steps named print-message(0:hello world) ...
        TestingRun run = TestingRun.run("""
                metadata: {name: loops}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - name: print
                            template: echo
                            arguments: {parameters: [{name: msg, value: "{{item}}"}]}
                            withItems: [hello world, 2, true, 1.5, "(x)"]
                    - name: echo
                      inputs: {parameters: [{name: msg}]}
                      container: {image: alpine, command: [echo], args: ["{{inputs.parameters.msg}}"]}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.children(run.node("[0]"))).containsExactly("print(0:hello world)", "print(1:2)",
                "print(2:true)", "print(3:1.5)", "print(4:x)");
        assertThat(run.started).extracting(r -> r.command().args().getFirst())
                .containsExactly("hello world", "2", "true", "1.5", "(x)");
        assertThat(run.nodeByName("loops[0].print(0:hello world)").boundaryId()).isEqualTo("loops");
    }

    @Test
    void withItemsMapsSortKeysInNamesAndOfferItemFields() {
        // examples/loops-maps.yaml
        TestingRun run = TestingRun.run("""
                metadata: {name: maps}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - name: test
                            template: echo
                            arguments:
                              parameters:
                                - {name: a, value: "{{item.os}}:{{item.version}}"}
                                - {name: b, value: "{{item}}"}
                            withItems:
                              - {os: debian, version: 9.1}
                              - {version: 20, os: ubuntu}
                    - name: echo
                      inputs: {parameters: [{name: a}, {name: b}]}
                      container: {image: alpine, command: [echo], args: ["{{inputs.parameters.a}}", "{{inputs.parameters.b}}"]}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.children(run.node("[0]"))).containsExactly("test(0:os:debian,version:9.1)",
                "test(1:os:ubuntu,version:20)");
        assertThat(run.started.get(1).command().args()).containsExactly("ubuntu:20",
                "{\"os\":\"ubuntu\",\"version\":20}");
    }

    @Test
    void withParamFromAPreviousResultAndAggregatedOutputs() {
        // examples/loops-param-result.yaml plus fan-in of output parameters as a JSON list.
        TestingRun run = TestingRun.run("""
                metadata: {name: param}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: gen, template: gen}
                        - - name: work
                            template: work
                            arguments: {parameters: [{name: n, value: "{{item}}"}]}
                            withParam: "{{steps.gen.outputs.result}}"
                        - - name: sum
                            template: echo
                            arguments: {parameters: [{name: all, value: "{{steps.work.outputs.parameters.double}}"}]}
                    - name: gen
                      script: {image: python, command: [python3], source: "print([1, 2, 3])"}
                    - name: work
                      inputs: {parameters: [{name: n}]}
                      container: {image: alpine, args: ["{{inputs.parameters.n}}"]}
                      outputs: {parameters: [{name: double, valueFrom: {path: /tmp/d}}]}
                    - name: echo
                      inputs: {parameters: [{name: all}]}
                      container: {image: alpine, args: ["{{inputs.parameters.all}}"]}
                """, new TestingSteps().on("gen", TestingSteps.Behaviour.ok("[1, 2, 3]"))
                .on("work", r -> TestingSteps.Behaviour.ok("")
                        .withOutput("double", String.valueOf(2 * Integer.parseInt(r.command().args().getFirst())))));
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.children(run.node("[1]"))).containsExactly("work(0:1)", "work(1:2)", "work(2:3)");
        assertThat(run.started.getLast().command().args()).containsExactly("[\"2\",\"4\",\"6\"]");
        // The next group hangs from every loop child.
        assertThat(run.children(run.node("work(1:2)"))).containsExactly("[2]");
    }

    @Test
    void withSequenceCountStartEndAndFormat() {
        TestingRun run = TestingRun.run("""
                metadata: {name: seq}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: count, template: echo, arguments: {parameters: [{name: m, value: "{{item}}"}]},
                             withSequence: {count: "3"}}
                          - {name: range, template: echo, arguments: {parameters: [{name: m, value: "{{item}}"}]},
                             withSequence: {start: "5", end: "3", format: "id-%02d"}}
                    - name: echo
                      inputs: {parameters: [{name: m}]}
                      container: {image: alpine, args: ["{{inputs.parameters.m}}"]}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(run.children(run.node("[0]"))).containsExactly("count(0:0)", "count(1:1)", "count(2:2)",
                "range(0:id-05)", "range(1:id-04)", "range(2:id-03)");
    }

    @Test
    void emptyWithParamIsASkippedNode() {
        TestingRun run = TestingRun.run("""
                metadata: {name: empty}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: none, template: echo, withParam: "[]"}
                        - - {name: after, template: echo}
                    - name: echo
                      container: {image: alpine}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus none = run.node("none");
        assertThat(none.type()).isEqualTo(NodeType.SKIPPED);
        assertThat(none.phase()).isEqualTo(NodePhase.SKIPPED);
        assertThat(none.message()).isEqualTo("Skipped, empty params");
        assertThat(run.children(none)).containsExactly("[1]");
    }

    @Test
    void badWithParamErrorsTheStepGroup() {
        TestingRun run = TestingRun.run("""
                metadata: {name: bad}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: x, template: echo, withParam: "not json"}
                    - name: echo
                      container: {image: alpine}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.FAILED);
        assertThat(run.node("[0]").phase()).isEqualTo(NodePhase.ERROR);
        // Go's encoding/json reads "n" as the start of null (Argo's expandStep quotes its error).
        assertThat(run.node("[0]").message()).isEqualTo("withParam value could not be parsed as a JSON list: not json: "
                + "invalid character 'o' in literal null (expecting 'u')");
    }

    @Test
    void truncatedWithParamIsGosUnexpectedEnd() {
        TestingRun run = TestingRun.run("""
                metadata: {name: cut}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: x, template: echo, withParam: "[1, 2"}
                    - name: echo
                      container: {image: alpine}
                """, new TestingSteps());
        assertThat(run.node("[0]").message()).isEqualTo("withParam value could not be parsed as a JSON list: [1, 2: "
                + "unexpected end of JSON input");
    }

    @Test
    void aggregatedParametersStayStringsUnlessEveryValueIsStrictJsonObjectOrList() {
        // Argo's tryJSONUnmarshal: json.Unmarshal rejects trailing text, so the list falls back to strings.
        assertThat(NodeScope.aggregatedList(List.of("{\"a\":1}", "[2]"))).isEqualTo("[{\"a\":1},[2]]");
        assertThat(NodeScope.aggregatedList(List.of("{\"a\":1} trailing", "[2]")))
                .isEqualTo("[\"{\\\"a\\\":1} trailing\",\"[2]\"]");
        assertThat(NodeScope.aggregatedList(List.of("{\"a\":1}", "3"))).isEqualTo("[\"{\\\"a\\\":1}\",\"3\"]");
    }

    @Test
    void aggregatedJsonParametersAreReEncodedAsGoDoes() {
        // Decoded into Go's any and marshalled again: sorted keys, float64 numbers, HTML-safe escapes.
        assertThat(NodeScope.aggregatedList(List.of("{\"b\":1.50,\"a\":2}", "[1e2, \"<x>\", 12345678901234567890]")))
                .isEqualTo("[{\"a\":2,\"b\":1.5},[100,\"\\u003cx\\u003e\",12345678901234567000]]");
    }

    @Test
    void dagLoopMakesATaskGroupAndAggregatesResults() {
        TestingRun run = TestingRun.run("""
                metadata: {name: dagloop}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: fan, template: echo, arguments: {parameters: [{name: m, value: "{{item}}"}]},
                             withItems: [a, b]}
                          - {name: join, template: join, depends: fan,
                             arguments: {parameters: [{name: all, value: "{{tasks.fan.outputs.result}}"}]}}
                    - name: echo
                      inputs: {parameters: [{name: m}]}
                      container: {image: alpine, args: ["\\"{{inputs.parameters.m}}\\""]}
                    - name: join
                      inputs: {parameters: [{name: all}]}
                      container: {image: alpine, args: ["{{inputs.parameters.all}}"]}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.SUCCEEDED);
        NodeStatus fan = run.node("fan");
        assertThat(fan.type()).isEqualTo(NodeType.TASK_GROUP);
        assertThat(fan.templateName()).isEqualTo("echo");
        assertThat(run.children(run.nodeByName("dagloop"))).containsExactly("fan");
        assertThat(run.children(fan)).containsExactly("fan(0:a)", "fan(1:b)");
        assertThat(run.children(run.node("fan(0:a)"))).containsExactly("join");
        List<StepRequest> started = run.started;
        assertThat(started.getLast().command().args()).containsExactly("[\"a\",\"b\"]");
    }

    @Test
    void aggregatingPlainTextResultsErrorsWithGosJsonMessage() {
        // Argo parses each loop child's result as JSON (processAggregateNodeOutputs); plain text fails.
        TestingRun run = TestingRun.run("""
                metadata: {name: scalars}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: each, template: emit, withItems: [apple], arguments: {parameters: [{name: t, value: "item {{item}}"}]}}
                        - - {name: collect, template: emit, arguments: {parameters: [{name: t, value: "{{steps.each.outputs.result}}"}]}}
                    - name: emit
                      inputs: {parameters: [{name: t}]}
                      container: {image: alpine, command: [echo, "{{inputs.parameters.t}}"]}
                """, new TestingSteps().on("emit", r -> TestingSteps.Behaviour.ok(r.command().command().get(1))));
        run.assertPhase(WorkflowPhase.ERROR);
        assertThat(run.status.message())
                .isEqualTo("error in entry template execution: invalid character 'i' looking for beginning of value");
        assertThat(run.nodeByName("scalars").phase()).isEqualTo(NodePhase.ERROR);
    }

    @Test
    void anySucceededAndAllFailedLookAtTheLoopsChildren() {
        TestingRun run = TestingRun.run("""
                metadata: {name: any}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: fan, template: work, withItems: [ok, bad], arguments: {parameters: [{name: m, value: "{{item}}"}]}}
                          - {name: some-ok, template: echo, depends: fan.AnySucceeded}
                          - {name: all-bad, template: echo, depends: fan.AllFailed}
                    - name: work
                      inputs: {parameters: [{name: m}]}
                      container: {image: alpine, args: ["{{inputs.parameters.m}}"]}
                    - name: echo
                      container: {image: alpine}
                """, new TestingSteps().on("work", r -> r.command().args().getFirst().equals("bad")
                ? TestingSteps.Behaviour.exit(1) : TestingSteps.Behaviour.ok("")));
        assertThat(run.node("fan").phase()).isEqualTo(NodePhase.FAILED);
        assertThat(run.node("some-ok").phase()).isEqualTo(NodePhase.SUCCEEDED);
        assertThat(run.node("all-bad").phase()).isEqualTo(NodePhase.OMITTED);
        // Both targets hang from the loop's children; all-bad inherits the failed branch of fan(1:bad).
        run.assertPhase(WorkflowPhase.FAILED);
    }

    @Test
    void aLoopOverTheItemLimitErrorsItsNodeBeforeMakingAnyItem() {
        // withSequence {count: "1000000000"} used to build a billion nodes (6 GB, nothing printed).
        TestingRun run = TestingRun.run("""
                metadata: {name: huge}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: many, template: say, withSequence: {count: "1000000000"}}
                    - name: say
                      container: {image: alpine, command: [echo]}
                """, new TestingSteps());
        run.assertPhase(WorkflowPhase.FAILED);
        String message = "withSequence expands to 1000000000 items, more than the 10000 a loop may have in Skiff"
                + " (--max-loop-items); Argo would also struggle: every item is a node of the workflow status, which"
                + " Kubernetes stores in at most about 1.5 MiB";
        assertThat(run.node("[0]").phase()).isEqualTo(NodePhase.ERROR);
        assertThat(run.node("[0]").message()).isEqualTo(message);
        assertThat(run.started).isEmpty();
    }

    @Test
    void theLoopLimitAppliesToWithParamAndWithItemsInDagsToo() {
        String yaml = """
                metadata: {name: dagloop}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      dag:
                        tasks:
                          - {name: gen, template: gen}
                          - {name: fan, depends: gen, template: say, withParam: "{{tasks.gen.outputs.result}}"}
                          - {name: lit, template: say, withItems: [a, b, c]}
                    - name: gen
                      container: {image: alpine, command: [echo]}
                    - name: say
                      container: {image: alpine, command: [echo]}
                """;
        TestingRun run = TestingRun.run(yaml, new TestingSteps().on("gen", TestingSteps.Behaviour.ok("[1,2,3,4]")),
                java.util.Map.of(), List.of(), new ReconcileLimits(3));
        run.assertPhase(WorkflowPhase.ERROR);
        assertThat(run.node("fan").type()).isEqualTo(NodeType.SKIPPED);
        assertThat(run.node("fan").phase()).isEqualTo(NodePhase.ERROR);
        assertThat(run.status.nodes().values()).extracting(NodeStatus::message)
                .anyMatch(m -> m.startsWith("withParam expands to 4 items, more than the 3 a loop may have in Skiff"))
                .noneMatch(m -> m.startsWith("withItems"));
        TestingRun fits = TestingRun.run(yaml, new TestingSteps().on("gen", TestingSteps.Behaviour.ok("[1,2,3]")),
                java.util.Map.of(), List.of(), new ReconcileLimits(3));
        fits.assertPhase(WorkflowPhase.SUCCEEDED);
        assertThat(fits.started).hasSize(7);
    }

    @Test
    void aSequenceOutOfGoIntRangeFailsAsGoAtoiDoes() {
        TestingRun run = TestingRun.run("""
                metadata: {name: atoi}
                spec:
                  entrypoint: main
                  templates:
                    - name: main
                      steps:
                        - - {name: many, template: say, withSequence: {count: "99999999999999999999"}}
                    - name: say
                      container: {image: alpine, command: [echo]}
                """, new TestingSteps());
        assertThat(run.node("[0]").message())
                .isEqualTo("strconv.Atoi: parsing \"99999999999999999999\": value out of range");
    }
}
