package dev.skiff.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.engine.lint.TemplateValidation.Holder;
import dev.skiff.engine.model.Invocation;
import dev.skiff.engine.model.LifecycleHook;
import dev.skiff.engine.model.Template;
import dev.skiff.engine.model.WorkflowStep;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Argo's {@code validateSteps}: step by step, in order, the step's name, loop, arguments and template, then
 * its variables against what earlier steps made available, then its template again with its real arguments.
 */
final class StepsValidation {

    private final TemplateValidation validation;
    private final Template template;
    private final VariableScope scope;
    private final String wrap;
    private final String at;
    private final TemplateOwner owner;

    StepsValidation(TemplateValidation validation, Template template, VariableScope scope, String wrap,
                    TemplateOwner owner) {
        this.validation = validation;
        this.template = template;
        this.scope = scope;
        this.wrap = wrap;
        this.at = "templates." + template.name();
        this.owner = owner;
    }

    void run() {
        checkNonLeaf(validation, template, wrap);
        Set<String> names = new HashSet<>();
        int i = 0;
        for (List<WorkflowStep> group : template.steps()) {
            for (WorkflowStep step : group) {
                String where = at + ".steps[" + i + "]";
                if (step.name().isEmpty()) {
                    add(where + ".name is required", "give every step a name");
                    continue;
                }
                if (!names.add(step.name())) {
                    add(where + ".name '" + step.name() + "' is not unique", "rename one of the steps");
                    continue;
                }
                if (!step.name().contains("{{")) {
                    FieldNames.invalidFieldName(step.name()).ifPresent(e ->
                            add(where + ".name '" + step.name() + "' is invalid: " + e, "rename the step"));
                }
                check(step, where + "." + step.name());
            }
            i++;
        }
    }

    private void check(WorkflowStep step, String where) {
        scope.add("steps." + step.name() + ".status");
        addItems(step, scope).ifPresent(e -> add(where + " " + e, "keep one loop"));
        ArgumentValidation.problems(where + ".arguments.", step.arguments())
                .forEach(e -> add(e, "give every argument a value"));
        Optional<Template> called = validation.holder(Holder.of(step), Optional.empty(), wrap + where + " ",
                template.name(), owner);
        if (hasExitHook(step)) {
            validation.addOutputs(called, "steps", step.name(), scope, false, false);
        }
        checkHooks(step, where).forEach(e -> add(e, "add expression: to the hook"));
        VariableScope stepScope = scope.copy();
        addInlineInputs(step, stepScope);
        stepScope.firstUnresolved(step.raw()).ifPresent(e -> add(at + ".steps " + e,
                "a step can only use outputs of steps before it, and its template's inputs"));
        validation.checkExpressions(template.name(), stepScope, step.raw(), at + ".steps ");
        validation.addOutputs(called, "steps", step.name(), scope, aggregates(step), false);
        validation.holder(Holder.of(step), Optional.of(step.arguments()), wrap + where + " ", template.name(),
                owner);
    }

    /** Argo's {@code validateNonLeaf}. */
    static void checkNonLeaf(TemplateValidation validation, Template template, String wrap) {
        if (template.activeDeadlineSeconds().isPresent()) {
            validation.problems.add(template.name(), wrap + "templates." + template.name()
                    + ".activeDeadlineSeconds is only valid for leaf templates",
                    "set activeDeadlineSeconds on the container or script templates it runs");
        }
    }

    /** Argo's {@code addItemsToScope}: {@code item}, {@code item.KEY} or {@code item.[i]} of the loop. */
    static Optional<String> addItems(Invocation call, VariableScope scope) {
        int loops = (call.withItems().isEmpty() ? 0 : 1) + (call.withParam().isEmpty() ? 0 : 1)
                + (call.withSequence().isPresent() ? 1 : 0);
        if (loops > 1) {
            return Optional.of("only one of withItems, withParam, withSequence can be specified");
        }
        if (!call.withItems().isEmpty()) {
            for (JsonNode item : call.withItems()) {
                if (item.isObject()) {
                    item.fieldNames().forEachRemaining(key -> scope.add("item." + key));
                } else if (item.isArray()) {
                    for (int i = 0; i < item.size(); i++) {
                        scope.add("item.[" + i + "]");
                    }
                } else {
                    scope.add("item");
                }
            }
        } else if (!call.withParam().isEmpty()) {
            scope.add("item");
            scope.add(VariableScope.ANY_ITEM);
        } else if (call.withSequence().isPresent()) {
            if (call.withSequence().get().count().isPresent() && call.withSequence().get().end().isPresent()) {
                return Optional.of("only one of count or end can be defined in withSequence");
            }
            scope.add("item");
        }
        return Optional.empty();
    }

    /** Argo's {@code validateHooks}: every hook but {@code exit} needs an expression (hooks in name order). */
    static List<String> checkHooks(Invocation call, String where) {
        return new TreeSet<>(call.hooks().keySet()).stream()
                .filter(name -> !name.equals(LifecycleHook.EXIT) && call.hooks().get(name).expression().isEmpty())
                .map(name -> where + "." + name + " Expression required").toList();
    }

    /** An inline template's inputs are in scope for the text of its step or task. */
    static void addInlineInputs(Invocation call, VariableScope scope) {
        call.inline().ifPresent(inline -> {
            for (JsonNode p : inline.path("inputs").path("parameters")) {
                scope.add("inputs.parameters." + p.path("name").asText(""));
            }
        });
    }

    static boolean hasExitHook(Invocation call) {
        return !call.onExit().isEmpty() || call.hooks().containsKey(LifecycleHook.EXIT);
    }

    static boolean aggregates(Invocation call) {
        return !call.withItems().isEmpty() || !call.withParam().isEmpty();
    }

    private void add(String message, String hint) {
        validation.problems.add(template.name(), wrap + message, hint);
    }
}
