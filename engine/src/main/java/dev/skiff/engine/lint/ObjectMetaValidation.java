package dev.skiff.engine.lint;

import dev.skiff.engine.golang.GoStrconv;
import dev.skiff.engine.model.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the Kubernetes API server checks of a custom resource's name before Argo ever sees it
 * ({@code apiextensions-apiserver} validates {@code metadata} with {@code NameIsDNSSubdomain}, in
 * {@code ValidateObjectMetaAccessor}): {@code metadata.name}, or else {@code metadata.generateName}, must be a
 * lower-case RFC 1123 subdomain of at most 253 characters. A generated name is the prefix cut to 58 characters
 * plus 5 random letters and digits ({@code storage/names}), and is checked as a name too. Messages are the API
 * server's field errors. Skiff uses the name in paths on this machine, so a name like {@code ../x} must never
 * get through.
 */
final class ObjectMetaValidation {

    /** {@code dns1123SubdomainFmt} of {@code k8s.io/apimachinery/pkg/util/validation}. */
    static final String SUBDOMAIN_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FORMAT);
    private static final int MAX_LENGTH = 253;
    /** The API server's {@code MaxGeneratedNameLength}: 63 minus the 5 random characters. */
    static final int MAX_GENERATE_NAME_PREFIX = 58;
    private static final String HINT = "use only lower-case letters, digits, '-' and '.', starting and ending with a"
            + " letter or digit";

    private ObjectMetaValidation() {
    }

    static void check(Workflow wf, Problems problems) {
        check(wf.name(), wf.generateName(), problems);
    }

    /** The checks for any object's {@code metadata.name} and {@code metadata.generateName}. */
    static void check(String name, String generateName, Problems problems) {
        if (!generateName.isEmpty()) {
            for (String error : subdomainErrors(maskTrailingDash(generateName))) {
                problems.invalidObject(invalid("metadata.generateName", generateName, error), HINT);
            }
        }
        if (name.isEmpty() && generateName.isEmpty()) {
            return; // the API server's "Required value": checked where files are read (a snippet may lack a name)
        }
        if (name.isEmpty()) {
            // The name the API server will generate: only the prefix is known, the random part is always valid.
            String prefix = generateName.length() > MAX_GENERATE_NAME_PREFIX
                    ? generateName.substring(0, MAX_GENERATE_NAME_PREFIX) : generateName;
            List<String> generatedErrors = subdomainErrors(prefix + "xxxxx");
            if (subdomainErrors(maskTrailingDash(generateName)).isEmpty() && !generatedErrors.isEmpty()) {
                problems.invalidObject(invalid("metadata.name", prefix + "xxxxx", generatedErrors.getFirst())
                        + " (xxxxx: the 5 random characters generated after metadata.generateName)", HINT);
            }
            return;
        }
        for (String error : subdomainErrors(name)) {
            problems.invalidObject(invalid("metadata.name", name, error), HINT);
        }
    }

    /** {@code IsDNS1123Subdomain}'s messages for {@code value}; empty when it is one. */
    static List<String> subdomainErrors(String value) {
        List<String> errors = new ArrayList<>();
        if (value.length() > MAX_LENGTH) {
            errors.add("must be no more than " + MAX_LENGTH + " characters");
        }
        if (!SUBDOMAIN.matcher(value).matches()) {
            errors.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
                    + " '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used"
                    + " for validation is '" + SUBDOMAIN_FORMAT + "')");
        }
        return errors;
    }

    /** The API server's {@code maskTrailingDash}: a prefix may end in '-' (its last two characters become "a"). */
    private static String maskTrailingDash(String name) {
        return name.length() > 1 && name.endsWith("-") ? name.substring(0, name.length() - 2) + "a" : name;
    }

    private static String invalid(String field, String value, String detail) {
        return field + ": Invalid value: " + GoStrconv.quote(value) + ": " + detail;
    }
}
