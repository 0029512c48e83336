package dev.skiff.engine.expr;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled expr-lang expression (the language of Argo's {@code {{=...}}} tags and DAG
 * {@code depends}), with Argo's extra functions ({@code asInt}, {@code asFloat}, {@code jsonpath},
 * {@code toJson}, {@code sprig.*}). Thread-safe and immutable; compiled expressions are cached.
 */
public final class Expression {
    private static final int CACHE_LIMIT = 8192;
    private static final Map<String, Expression> CACHE = new ConcurrentHashMap<>();

    private final String source;
    private final Node root;
    private final Set<String> rootIdentifiers;
    private final List<String> requiredPaths;

    private Expression(String source, Node root) {
        this.source = source;
        this.root = root;
        this.rootIdentifiers = FreeVariables.roots(root);
        this.requiredPaths = FreeVariables.requiredPaths(root);
    }

    /** Parses {@code source}; throws ExpressionException with the position of a syntax error. */
    public static Expression compile(String source) {
        Objects.requireNonNull(source, "source");
        Expression cached = CACHE.get(source);
        if (cached != null) {
            return cached;
        }
        Expression compiled = new Expression(source, Parser.parse(source));
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(source, compiled);
        return compiled;
    }

    /**
     * Evaluates against {@code env} (variable name to value in the value model of {@link Values}).
     * Throws ExpressionException naming the problem, e.g. an unknown name or a type mismatch.
     */
    public Object evaluate(Map<String, ?> env) {
        Objects.requireNonNull(env, "env");
        try {
            return new Evaluator(source, env).eval(root);
        } catch (StackOverflowError e) {
            throw new ExpressionException("expression nests too deeply: " + source);
        }
    }

    public String source() {
        return source;
    }

    /** Free variable names the expression reads (not functions, not let-bound names, not {@code #}). */
    public Set<String> rootIdentifiers() {
        return rootIdentifiers;
    }

    /**
     * The variable paths the expression requires, as Argo computes them to decide whether an
     * expression can be evaluated yet: {@code item.name} yields {@code item} and {@code item.name};
     * member paths under {@code ??} or after {@code ?.} are optional and left out.
     */
    public List<String> requiredPaths() {
        return requiredPaths;
    }

    @Override
    public String toString() {
        return source;
    }
}
