package dev.skiff.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One JSONPath selector. */
sealed interface JsonPathStep {
    boolean definite();

    void apply(Object node, List<Object> out, boolean strict);

    record Key(String name) implements JsonPathStep {
        public boolean definite() {
            return true;
        }

        public void apply(Object node, List<Object> out, boolean strict) {
            if (node instanceof Map<?, ?> m && m.containsKey(name)) {
                out.add(m.get(name));
            } else if (name.equals("length") && (node instanceof List<?> || node instanceof Map<?, ?> || node instanceof String)) {
                out.add((long) (node instanceof List<?> l ? l.size() : node instanceof Map<?, ?> mm ? mm.size()
                    : ((String) node).length()));
            } else if (strict) {
                throw new EvalError("key: invalid token key '" + name + "' not found");
            }
        }
    }

    record Index(long index) implements JsonPathStep {
        public boolean definite() {
            return true;
        }

        public void apply(Object node, List<Object> out, boolean strict) {
            if (node instanceof List<?> l) {
                long i = index < 0 ? l.size() + index : index;
                if (i >= 0 && i < l.size()) {
                    out.add(l.get((int) i));
                    return;
                }
            }
            if (strict) {
                throw new EvalError("index: invalid token out of range");
            }
        }
    }

    record Union(List<Object> keys) implements JsonPathStep {
        public boolean definite() {
            return false;
        }

        public void apply(Object node, List<Object> out, boolean strict) {
            for (Object k : keys) {
                (k instanceof Long i ? new Index(i) : new Key((String) k)).apply(node, out, false);
            }
        }
    }

    record Slice(Long from, Long to, long step) implements JsonPathStep {
        public boolean definite() {
            return false;
        }

        public void apply(Object node, List<Object> out, boolean strict) {
            if (!(node instanceof List<?> l)) {
                return;
            }
            int n = l.size();
            long a = from == null ? 0 : from < 0 ? Math.max(0, n + from) : Math.min(from, n);
            long b = to == null ? n : to < 0 ? Math.max(0, n + to) : Math.min(to, n);
            for (long i = a; i < b; i += Math.max(1, step)) {
                out.add(l.get((int) i));
            }
        }
    }

    record Wildcard() implements JsonPathStep {
        public boolean definite() {
            return false;
        }

        public void apply(Object node, List<Object> out, boolean strict) {
            if (node instanceof Map<?, ?> m) {
                out.addAll(m.values());
            } else if (node instanceof List<?> l) {
                out.addAll(l);
            }
        }
    }

    /** {@code ..}: the node itself and all its descendants, to which the next step applies. */
    record Recursive() implements JsonPathStep {
        public boolean definite() {
            return false;
        }

        public void apply(Object node, List<Object> out, boolean strict) {
            out.add(node);
            JsonPath.descendants(node, out);
        }
    }

    record Filter(List<String> field, String op, Object literal) implements JsonPathStep {
        public boolean definite() {
            return false;
        }

        public void apply(Object node, List<Object> out, boolean strict) {
            List<Object> candidates = new ArrayList<>();
            new Wildcard().apply(node, candidates, false);
            for (Object c : candidates) {
                if (matches(c)) {
                    out.add(c);
                }
            }
        }

        private boolean matches(Object candidate) {
            Object v = candidate;
            for (String f : field) {
                if (!(v instanceof Map<?, ?> m) || !m.containsKey(f)) {
                    return false;
                }
                v = m.get(f);
            }
            if (op == null) {
                return true;
            }
            try {
                return Boolean.TRUE.equals(BinaryOps.strict(op, v, literal));
            } catch (EvalError e) {
                return false;
            }
        }
    }
}
