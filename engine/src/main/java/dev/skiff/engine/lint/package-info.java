/** Static checks of a workflow before it runs: unknown templates, cycles, missing parameters, bad expressions. */
package dev.skiff.engine.lint;
