/**
 * Builds a step's pod exactly as Argo's controller does ({@code workflow/controller/workflowpod.go}, v4.1.2, the
 * default init + wait + main layout). Pure: a request and settings in, a pod (and the ConfigMap an oversized
 * template is offloaded to) out, as JSON-like trees.
 */
package dev.skiff.executor.pod.build;
