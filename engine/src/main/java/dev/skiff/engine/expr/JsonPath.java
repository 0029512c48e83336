package dev.skiff.engine.expr;

/** JSONPath queries as Argo's {@code jsonpath(json, path)} answers them (evilmonkeyinc/jsonpath). */
final class JsonPath {
    private JsonPath() {
    }

    static Object query(String path, Object document) {
        throw new EvalError("jsonpath is not implemented yet");
    }
}
