package dev.skiff.engine.expr;

import java.util.List;

/** The syntax tree of an expr-lang expression; {@code pos} is the rune offset used in error messages. */
sealed interface Node {
    int pos();

    /** A literal: null, Boolean, Long, Double or String. */
    record Literal(Object value, int pos) implements Node { }

    /** A free variable (or a let-bound one), looked up at evaluation time. */
    record Identifier(String name, int pos) implements Node { }

    /** {@code $env}: the whole environment as a map. */
    record Env(int pos) implements Node { }

    /** {@code #}, {@code #acc}, {@code #index} inside predicates; {@code .x} is {@code Member(Pointer(""), "x")}. */
    record Pointer(String name, int pos) implements Node { }

    /** {@code a.b}, {@code a?.b}, {@code a[b]}. */
    record Member(Node object, Node property, boolean optional, int pos) implements Node { }

    /** Boundary of an optional chain: a nil met by {@code ?.} inside yields nil here. */
    record Chain(Node node, int pos) implements Node { }

    /** {@code a[from:to]}; either bound may be null. */
    record Slice(Node object, Node from, Node to, int pos) implements Node { }

    record Unary(String op, Node operand, int pos) implements Node { }

    record Binary(String op, Node left, Node right, int pos) implements Node { }

    record Conditional(Node cond, Node then, Node otherwise, int pos) implements Node { }

    record ArrayLit(List<Node> items, int pos) implements Node { }

    /** Map literal; keys and values alternate in {@code pairs}. */
    record MapLit(List<Node> pairs, int pos) implements Node { }

    /** A builtin function or predicate, by name. */
    record Builtin(String name, List<Node> args, int pos) implements Node { }

    /** A closure argument of a predicate builtin. */
    record Predicate(Node body, int pos) implements Node { }

    /** A call of something that is not an expr builtin: an env/Argo function or {@code sprig.f}. */
    record Call(Node callee, List<Node> args, int pos) implements Node { }

    record Let(String name, Node value, Node body, int pos) implements Node { }

    record Sequence(List<Node> nodes, int pos) implements Node { }
}
