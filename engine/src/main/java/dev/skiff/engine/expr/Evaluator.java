package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tree-walking evaluation of one expression against one environment (not shared between threads). */
final class Evaluator {
    /** Thrown by {@code ?.} on nil; caught by the enclosing chain node. */
    private static final class ChainNil extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final ChainNil INSTANCE = new ChainNil();

        private ChainNil() {
            super(null, null, false, false);
        }
    }

    /** One predicate iteration: the element, its index and the accumulator. */
    static final class Frame {
        Object item;
        long index;
        Object acc;
    }

    private final String source;
    private final Map<String, ?> env;
    private Map<String, Object> locals = Map.of();
    private final ArrayList<Frame> frames = new ArrayList<>();

    Evaluator(String source, Map<String, ?> env) {
        this.source = source;
        this.env = env;
    }

    Object eval(Node node) {
        try {
            return evalNode(node);
        } catch (EvalError e) {
            throw ExpressionException.at(e.getMessage(), source, node.pos());
        }
    }

    private Object evalNode(Node node) {
        return switch (node) {
            case Node.Literal l -> l.value();
            case Node.Identifier id -> identifier(id.name());
            case Node.Env e -> env;
            case Node.Pointer p -> pointer(p.name());
            case Node.Member m -> member(m);
            case Node.Chain c -> chain(c);
            case Node.Slice s -> Access.slice(eval(s.object()), optional(s.from()), optional(s.to()));
            case Node.Unary u -> unary(u);
            case Node.Binary b -> BinaryOps.apply(this, b);
            case Node.Conditional c -> conditional(c);
            case Node.ArrayLit a -> array(a);
            case Node.MapLit m -> map(m);
            case Node.Builtin b -> Predicates.isPredicate(b.name()) ? Predicates.apply(this, b)
                : Builtins.call(b.name(), evalAll(b.args()));
            case Node.Predicate p -> eval(p.body());
            case Node.Call c -> FunctionCalls.call(this, c);
            case Node.Let l -> let(l);
            case Node.Sequence s -> sequence(s);
        };
    }

    Map<String, ?> env() {
        return env;
    }

    Map<String, Object> locals() {
        return locals;
    }

    List<Object> evalAll(List<Node> nodes) {
        List<Object> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(eval(n));
        }
        return out;
    }

    Frame pushFrame() {
        Frame f = new Frame();
        frames.add(f);
        return f;
    }

    void popFrame() {
        frames.remove(frames.size() - 1);
    }

    private Object optional(Node n) {
        return n == null ? null : eval(n);
    }

    private Object identifier(String name) {
        if (locals.containsKey(name)) {
            return locals.get(name);
        }
        if (env.containsKey(name)) {
            return env.get(name);
        }
        throw new EvalError("unknown name " + name);
    }

    private Object pointer(String name) {
        if (frames.isEmpty()) {
            throw new EvalError("cannot use pointer accessor outside predicate");
        }
        Frame f = frames.get(frames.size() - 1);
        return switch (name) {
            case "" -> f.item;
            case "index" -> f.index;
            case "acc" -> f.acc;
            default -> throw new EvalError("unknown pointer #" + name);
        };
    }

    private Object member(Node.Member m) {
        Object object = eval(m.object());
        if (object == null && m.optional()) {
            throw ChainNil.INSTANCE;
        }
        return Access.fetch(object, eval(m.property()));
    }

    private Object chain(Node.Chain c) {
        try {
            return eval(c.node());
        } catch (ChainNil nil) {
            return null;
        }
    }

    private Object unary(Node.Unary u) {
        Object v = eval(u.operand());
        return switch (u.op()) {
            case "not", "!" -> {
                if (v instanceof Boolean b) {
                    yield !b;
                }
                throw new EvalError("invalid operation: " + u.op() + " " + Values.typeName(v));
            }
            case "-" -> Arithmetic.negate(v);
            default -> {
                if (v instanceof Long || v instanceof Double) {
                    yield v;
                }
                throw new EvalError("invalid operation: + " + Values.typeName(v));
            }
        };
    }

    boolean truth(Node n, String what) {
        Object v = eval(n);
        if (v instanceof Boolean b) {
            return b;
        }
        throw ExpressionException.at("non-bool expression (type " + Values.typeName(v) + ") used as " + what,
            source, n.pos());
    }

    private Object conditional(Node.Conditional c) {
        return truth(c.cond(), "condition") ? eval(c.then()) : eval(c.otherwise());
    }

    private Object array(Node.ArrayLit a) {
        return evalAll(a.items());
    }

    private Object map(Node.MapLit m) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Node> pairs = m.pairs();
        for (int i = 0; i < pairs.size(); i += 2) {
            Object key = eval(pairs.get(i));
            if (!(key instanceof String k)) {
                throw new EvalError("invalid map key type " + Values.typeName(key) + " (expected string)");
            }
            out.remove(k);
            out.put(k, eval(pairs.get(i + 1)));
        }
        return out;
    }

    private Object let(Node.Let l) {
        Object value = eval(l.value());
        Map<String, Object> saved = locals;
        Map<String, Object> next = new HashMap<>(saved);
        next.put(l.name(), value);
        locals = next;
        try {
            return eval(l.body());
        } finally {
            locals = saved;
        }
    }

    private Object sequence(Node.Sequence s) {
        Object last = null;
        for (Node n : s.nodes()) {
            last = eval(n);
        }
        return last;
    }
}
