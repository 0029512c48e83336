/** The engine benchmark: the reconciler and runner alone, with an executor whose steps end at once. */
package dev.skiff.engine.bench;
