/** Argo Workflow documents: the typed spec the engine reads, the status it writes, and their JSON/YAML codec. */
package dev.skiff.engine.model;
