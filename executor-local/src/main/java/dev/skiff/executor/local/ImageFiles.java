package dev.skiff.executor.local;

import java.util.List;
import java.util.Set;

/**
 * The host files that may stand for files an image ships, for an output the step did not write in its
 * sandbox ({@code valueFrom.path: /etc/os-release}, an artifact of {@code /usr/share/zoneinfo}). An
 * allow-list, not a deny-list: the host is not the image, and the places where a host keeps what must not
 * leak into a workflow's outputs cannot be listed ({@code /proc/self/environ} with Skiff's own environment,
 * {@code /etc/shadow}, SSH host keys, the user's home, {@code /run/secrets}, ...). What is listed is public
 * and typical of an image: the identity files under {@code /etc} and read-only shared data. Pure.
 */
final class ImageFiles {

    /** Single files. */
    static final Set<String> FILES = Set.of(
            "/etc/hostname", "/etc/hosts", "/etc/os-release", "/usr/lib/os-release", "/etc/lsb-release",
            "/etc/debian_version", "/etc/alpine-release", "/etc/redhat-release", "/etc/system-release",
            "/etc/issue", "/etc/timezone", "/etc/localtime");

    /** Whole trees (public certificates, architecture-independent shared data). */
    static final List<String> TREES = List.of("/etc/ssl/certs/", "/usr/share/", "/usr/local/share/");

    private ImageFiles() {
    }

    /** Whether the host's file at this absolute, normalized container path may stand for the image's. */
    static boolean mayStandForTheImage(String path) {
        return FILES.contains(path) || TREES.stream().anyMatch(path::startsWith);
    }
}
