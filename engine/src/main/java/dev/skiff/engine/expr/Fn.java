package dev.skiff.engine.expr;

import java.util.List;

/** A function callable from expressions; throws EvalError with a user-readable message on bad arguments. */
@FunctionalInterface
interface Fn {
    Object apply(List<Object> args);
}
