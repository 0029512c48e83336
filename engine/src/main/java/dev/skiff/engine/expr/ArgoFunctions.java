package dev.skiff.engine.expr;

import java.util.Map;

/** Argo's additions to the expression environment ({@code util/expr/env/env.go}). */
final class ArgoFunctions {
    private static final Map<String, Fn> TABLE = Map.of(
        "asInt", a -> {
            Args.count("asInt", a, 1, 1);
            return ConversionBuiltins.toInt(a.get(0));
        },
        "asFloat", a -> {
            Args.count("asFloat", a, 1, 1);
            return ConversionBuiltins.toFloat(a.get(0));
        },
        "toJson", a -> {
            Args.count("toJson", a, 1, 1);
            try {
                return GoJson.marshal(a.get(0));
            } catch (ExpressionException e) {
                throw new EvalError(e.getMessage());
            }
        },
        "jsonpath", a -> {
            Args.count("jsonpath", a, 2, 2);
            Object document;
            try {
                document = Values.fromJson(Args.str("jsonpath", a, 0));
            } catch (ExpressionException e) {
                throw new EvalError(e.getMessage());
            }
            return JsonPath.query(Args.str("jsonpath", a, 1), document);
        });

    private ArgoFunctions() {
    }

    static Fn get(String name) {
        return TABLE.get(name);
    }

    static boolean has(String name) {
        return TABLE.containsKey(name);
    }
}
