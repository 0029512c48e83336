package dev.skiff.dist.bench;

/** A controller under test. */
enum Contender {
    SKIFF("skiff"),
    ARGO("argo");

    private final String key;

    Contender(String key) {
        this.key = key;
    }

    /** Its name in the JSON figures and on the command line. */
    String key() {
        return key;
    }
}
