package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds the variables an expression reads: root names for lint, and Argo's required member paths. */
final class FreeVariables {
    private FreeVariables() {
    }

    static Set<String> roots(Node root) {
        Set<String> out = new LinkedHashSet<>();
        walk(root, Set.of(), out, null, false);
        return Collections.unmodifiableSet(out);
    }

    static List<String> requiredPaths(Node root) {
        Set<String> out = new LinkedHashSet<>();
        walk(root, Set.of(), null, out, false);
        return List.copyOf(out);
    }

    private static void walk(Node n, Set<String> bound, Set<String> roots, Set<String> paths, boolean guarded) {
        switch (n) {
            case null -> { }
            case Node.Identifier id -> {
                if (!bound.contains(id.name())) {
                    add(roots, id.name());
                    add(paths, id.name());
                }
            }
            case Node.Member m -> {
                if (!guarded && !m.optional()) {
                    String path = path(m, bound);
                    if (path != null) {
                        add(paths, path);
                    }
                }
                boolean guardObject = guarded || (m.optional() && m.object() instanceof Node.Member);
                walk(m.object(), bound, roots, paths, guardObject);
                walk(m.property(), bound, roots, paths, guarded);
            }
            case Node.Chain c -> walk(c.node(), bound, roots, paths, guarded);
            case Node.Slice s -> {
                walk(s.object(), bound, roots, paths, guarded);
                walk(s.from(), bound, roots, paths, guarded);
                walk(s.to(), bound, roots, paths, guarded);
            }
            case Node.Unary u -> walk(u.operand(), bound, roots, paths, guarded);
            case Node.Binary b -> {
                walk(b.left(), bound, roots, paths, guarded || b.op().equals("??"));
                walk(b.right(), bound, roots, paths, guarded);
            }
            case Node.Conditional c -> {
                walk(c.cond(), bound, roots, paths, guarded);
                walk(c.then(), bound, roots, paths, guarded);
                walk(c.otherwise(), bound, roots, paths, guarded);
            }
            case Node.ArrayLit a -> a.items().forEach(x -> walk(x, bound, roots, paths, guarded));
            case Node.MapLit m -> m.pairs().forEach(x -> walk(x, bound, roots, paths, guarded));
            case Node.Builtin b -> b.args().forEach(x -> walk(x, bound, roots, paths, guarded));
            case Node.Predicate p -> walk(p.body(), bound, roots, paths, guarded);
            case Node.Call c -> {
                walkCallee(c.callee(), bound, roots, paths, guarded);
                c.args().forEach(x -> walk(x, bound, roots, paths, guarded));
            }
            case Node.Let l -> {
                walk(l.value(), bound, roots, paths, guarded);
                Set<String> inner = new HashSet<>(bound);
                inner.add(l.name());
                walk(l.body(), inner, roots, paths, guarded);
            }
            case Node.Sequence s -> s.nodes().forEach(x -> walk(x, bound, roots, paths, guarded));
            case Node.Literal l -> { }
            case Node.Env e -> { }
            case Node.Pointer p -> { }
        }
    }

    /** Function names are not variables: Argo functions and {@code sprig.f} are skipped. */
    private static void walkCallee(Node callee, Set<String> bound, Set<String> roots, Set<String> paths, boolean g) {
        if (callee instanceof Node.Identifier id) {
            if (!ArgoFunctions.has(id.name()) && !bound.contains(id.name())) {
                add(paths, id.name());
            }
            return;
        }
        if (callee instanceof Node.Member m && m.object() instanceof Node.Identifier obj && obj.name().equals("sprig")) {
            return;
        }
        walk(callee, bound, roots, paths, g);
    }

    private static String path(Node.Member m, Set<String> bound) {
        List<String> parts = new ArrayList<>();
        Node cur = m;
        while (cur instanceof Node.Member mm) {
            if (mm.optional() || !(mm.property() instanceof Node.Literal lit) || !(lit.value() instanceof String s)) {
                return null;
            }
            parts.add(0, s);
            cur = mm.object();
        }
        if (cur instanceof Node.Chain c) {
            return null;
        }
        if (!(cur instanceof Node.Identifier id) || bound.contains(id.name())) {
            return null;
        }
        parts.add(0, id.name());
        return String.join(".", parts);
    }

    private static void add(Set<String> set, String s) {
        if (set != null) {
            set.add(s);
        }
    }
}
