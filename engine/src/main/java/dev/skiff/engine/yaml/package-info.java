/**
 * Reading YAML the way Argo's Go YAML library does where it matters to users: anchors and aliases resolved,
 * merge keys ({@code <<}) applied, several documents in one text, with limits against oversized and
 * alias-bomb input. Every place the engine reads YAML (workflows, the controller config, kubeconfig cluster
 * secrets) goes through {@link dev.skiff.engine.yaml.YamlReader}.
 */
package dev.skiff.engine.yaml;
