/** Argo template tags ({@code {{name}}}, {@code {{=expr}}}) and govaluate {@code when} conditions. */
package dev.skiff.engine.template;
