/** expr-lang/expr compatible expressions (Argo's {@code {{=...}}} and DAG {@code depends}) with Argo's extra functions. */
package dev.skiff.engine.expr;
