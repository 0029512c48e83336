package dev.skiff.artifacts.s3;

/** A key of a named secret (Argo's {@code SecretKeySelector}), written {@code NAME/KEY} in a location URI. */
record SecretRef(String name, String key) {

    static SecretRef parse(String parameter, String value) {
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1 || value.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException(parameter + " must be NAME/KEY, not \"" + value + "\"");
        }
        return new SecretRef(value.substring(0, slash), value.substring(slash + 1));
    }

    @Override
    public String toString() {
        return "secret " + name + " key " + key;
    }
}
