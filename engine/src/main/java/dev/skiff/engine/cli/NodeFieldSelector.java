package dev.skiff.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Argo's {@code --node-field-selector}: {@code key=value}, {@code key==value} or {@code key!=value},
 * comma-separated, over a node's {@code displayName}, {@code templateName}, {@code phase},
 * {@code name}, {@code id}, {@code templateRef.name}, {@code templateRef.template} and
 * {@code inputs.parameters.<name>.value}; a field the node lacks reads as "". Pure.
 */
final class NodeFieldSelector {

    private record Term(String key, String value, boolean equal) {
    }

    private final String text;
    private final List<Term> terms;

    private NodeFieldSelector(String text, List<Term> terms) {
        this.text = text;
        this.terms = terms;
    }

    /** @throws UserInputException for a term without an operator or a key */
    static NodeFieldSelector parse(String text) {
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",")) {
            String term = part.trim();
            if (term.isEmpty()) {
                continue;
            }
            int ne = term.indexOf("!=");
            int eq = term.indexOf('=');
            if (eq <= 0 || ne == 0) {
                throw new UserInputException("--node-field-selector " + text + ": cannot read '" + term
                        + "'; expected key=value, key==value or key!=value, comma-separated");
            }
            if (ne > 0 && ne < eq) {
                terms.add(new Term(term.substring(0, ne).trim(), term.substring(ne + 2).trim(), false));
            } else {
                String value = term.substring(eq + 1);
                terms.add(new Term(term.substring(0, eq).trim(), (value.startsWith("=") ? value.substring(1) : value)
                        .trim(), true));
            }
        }
        return new NodeFieldSelector(text, List.copyOf(terms));
    }

    boolean matches(JsonNode node) {
        for (Term term : terms) {
            if (field(node, term.key()).equals(term.value()) != term.equal()) {
                return false;
            }
        }
        return true;
    }

    private static String field(JsonNode node, String key) {
        return switch (key) {
            case "displayName", "phase", "name", "id" -> node.path(key).asText("");
            case "templateName" -> {
                String fromRef = node.path("templateRef").path("template").asText("");
                yield fromRef.isEmpty() ? node.path("templateName").asText("") : fromRef;
            }
            case "templateRef.name" -> node.path("templateRef").path("name").asText("");
            case "templateRef.template" -> node.path("templateRef").path("template").asText("");
            default -> inputParameter(node, key);
        };
    }

    private static String inputParameter(JsonNode node, String key) {
        String prefix = "inputs.parameters.";
        String suffix = ".value";
        if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length() <= prefix.length() + suffix.length()) {
            return "";
        }
        String name = key.substring(prefix.length(), key.length() - suffix.length());
        for (JsonNode p : node.path("inputs").path("parameters")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("value").asText("");
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return text;
    }
}
