package dev.skiff.engine.controller;

/**
 * Compares Kubernetes resourceVersions as Argo's controller does ({@code isOutdated}, after apimachinery's
 * CompareResourceVersion): as unsigned whole numbers when both are; otherwise they are not comparable.
 */
final class ResourceVersions {

    private ResourceVersions() {
    }

    /** Negative, zero or positive as {@code a} is older, the same or newer than {@code b}; 0 when not comparable. */
    static int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (!numeric(a) || !numeric(b)) {
            return 0;
        }
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private static boolean numeric(String v) {
        if (v.isEmpty() || v.length() > 1 && v.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
