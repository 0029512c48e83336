/**
 * The Kubernetes API as Skiff's user commands use it: plain REST calls for Workflow objects and
 * pods (get, list, create, merge patch, delete, watch, pod logs) over an official-client
 * {@code ApiClient}, with Jackson trees in and out so that every field of a Workflow survives.
 */
package dev.skiff.engine.kube;
