package dev.skiff.engine.lint;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Argo's rules for names in lists (templates, steps, tasks, parameters): present, well-formed, unique. */
final class FieldNames {

    private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z0-9][-a-zA-Z0-9]*");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[-a-zA-Z0-9_]+");
    private static final int MAX_LENGTH = 128;

    private FieldNames() {
    }

    /** The first problem with the names of templates, steps or tasks, as Argo words it after the list's path. */
    static Optional<String> checkFields(List<String> names) {
        return check(names, false);
    }

    /** The same for parameter names, which may also hold {@code _}. */
    static Optional<String> checkParameters(List<String> names) {
        return check(names, true);
    }

    private static Optional<String> check(List<String> names, boolean parameters) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                return Optional.of("[" + i + "].name is required");
            }
            Optional<String> invalid = parameters ? invalidParameterName(name) : invalidFieldName(name);
            if (invalid.isPresent()) {
                return Optional.of("[" + i + "].name: '" + name + "' is invalid: " + invalid.get());
            }
            if (!seen.add(name)) {
                return Optional.of("[" + i + "].name '" + name + "' is not unique");
            }
        }
        return Optional.empty();
    }

    /** Why a template, step or task name is not valid for Argo; empty when it is. */
    static Optional<String> invalidFieldName(String name) {
        StringBuilder errors = new StringBuilder();
        if (name.length() > MAX_LENGTH) {
            errors.append("must be no more than " + MAX_LENGTH + " characters");
        }
        if (!FIELD_NAME.matcher(name).matches()) {
            if (!errors.isEmpty()) {
                errors.append(';');
            }
            errors.append("name must consist of alpha-numeric characters or '-', and must start with an "
                    + "alpha-numeric character (e.g. My-name1-2, 123-NAME)");
        }
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors.toString());
    }

    private static Optional<String> invalidParameterName(String name) {
        return PARAMETER_NAME.matcher(name).matches() ? Optional.empty() : Optional.of(
                "Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, "
                        + "MY-PARAM-1");
    }
}
