/** Static checks of a workflow before it runs: Argo's validation in Argo's order and words, then Skiff's own. */
package dev.skiff.engine.lint;
