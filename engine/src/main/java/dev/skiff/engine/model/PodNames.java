package dev.skiff.engine.model;

import java.nio.charset.StandardCharsets;

/** Argo's deterministic node ids and v2 pod names. */
public final class PodNames {

    /** Kubernetes names are at most 253 characters; Argo keeps 10 for the hash and one for '-'. */
    private static final int MAX_PREFIX_LENGTH = 253 - 10 - 1;

    private PodNames() {
    }

    /** 32-bit FNV-1a of the UTF-8 bytes, as an unsigned value. */
    public static long fnv32a(String text) {
        int hash = 0x811c9dc5;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x01000193;
        }
        return Integer.toUnsignedLong(hash);
    }

    /** Argo's node id: the workflow name for the root node, else {@code <wf>-<fnv32a(nodeName)>}. */
    public static String nodeId(String workflowName, String nodeName) {
        if (nodeName.equals(workflowName)) {
            return workflowName;
        }
        return workflowName + "-" + fnv32a(nodeName);
    }

    /** Argo's v2 pod name: {@code <wf>-<template>-<fnv32a(nodeName)>}, prefix cut to 242 characters. */
    public static String podName(String workflowName, String nodeName, String templateName) {
        if (workflowName.equals(nodeName)) {
            return workflowName;
        }
        String prefix = templateName.isEmpty() ? workflowName : workflowName + "-" + templateName;
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            prefix = prefix.substring(0, MAX_PREFIX_LENGTH);
        }
        return prefix + "-" + fnv32a(nodeName);
    }
}
