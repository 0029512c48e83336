package dev.skiff.engine.core;

import java.util.List;

/** Argo's IsTransientErr for node messages: the error texts Kubernetes and networks produce transiently. */
final class TransientErrors {

    private static final List<String> PATTERNS = List.of("connection reset by peer", "connection refused",
            "i/o timeout", "TLS handshake timeout", "use of closed network connection", "EOF",
            "http2: client connection lost", "too many requests", "etcdserver: leader changed",
            "etcdserver: request timed out", "the object has been modified",
            "Operation cannot be fulfilled", "exceeded quota", "is being terminated");

    private TransientErrors() {
    }

    static boolean isTransient(String message) {
        return PATTERNS.stream().anyMatch(message::contains);
    }
}
