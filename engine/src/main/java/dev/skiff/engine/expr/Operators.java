package dev.skiff.engine.expr;

import java.util.Map;
import java.util.Set;

/** expr-lang operator table: precedence and associativity, as in expr's parser/operator package. */
final class Operators {
    private Operators() {
    }

    record Op(int precedence, boolean rightAssociative) {
    }

    static final Map<String, Integer> UNARY = Map.of("not", 50, "!", 50, "-", 90, "+", 90);

    static final Map<String, Op> BINARY = Map.ofEntries(
        Map.entry("|", new Op(0, false)),
        Map.entry("or", new Op(10, false)),
        Map.entry("||", new Op(10, false)),
        Map.entry("and", new Op(15, false)),
        Map.entry("&&", new Op(15, false)),
        Map.entry("==", new Op(20, false)),
        Map.entry("!=", new Op(20, false)),
        Map.entry("<", new Op(20, false)),
        Map.entry(">", new Op(20, false)),
        Map.entry(">=", new Op(20, false)),
        Map.entry("<=", new Op(20, false)),
        Map.entry("in", new Op(20, false)),
        Map.entry("matches", new Op(20, false)),
        Map.entry("contains", new Op(20, false)),
        Map.entry("startsWith", new Op(20, false)),
        Map.entry("endsWith", new Op(20, false)),
        Map.entry("..", new Op(25, false)),
        Map.entry("+", new Op(30, false)),
        Map.entry("-", new Op(30, false)),
        Map.entry("*", new Op(60, false)),
        Map.entry("/", new Op(60, false)),
        Map.entry("%", new Op(60, false)),
        Map.entry("**", new Op(100, true)),
        Map.entry("^", new Op(100, true)),
        Map.entry("??", new Op(500, false)));

    static final Set<String> NEGATABLE = Set.of("contains", "matches", "startsWith", "endsWith", "in");

    static boolean isComparison(String op) {
        return op.equals("<") || op.equals(">") || op.equals(">=") || op.equals("<=");
    }

    /** Predicate builtins and their argument shapes: 'e' expression, 'p' predicate, upper case = optional. */
    static final Map<String, String> PREDICATES = Map.ofEntries(
        Map.entry("all", "ep"), Map.entry("none", "ep"), Map.entry("any", "ep"), Map.entry("one", "ep"),
        Map.entry("filter", "ep"), Map.entry("map", "ep"), Map.entry("count", "eP"), Map.entry("sum", "eP"),
        Map.entry("find", "ep"), Map.entry("findIndex", "ep"), Map.entry("findLast", "ep"),
        Map.entry("findLastIndex", "ep"), Map.entry("groupBy", "ep"), Map.entry("sortBy", "epE"),
        Map.entry("reduce", "epE"));

    /** Names expr-lang treats as builtins (calls to them never reach the environment). */
    static final Set<String> BUILTINS = Set.of(
        "len", "type", "abs", "ceil", "floor", "round", "int", "float", "string", "trim", "trimPrefix",
        "trimSuffix", "upper", "lower", "split", "splitAfter", "replace", "repeat", "join", "indexOf",
        "lastIndexOf", "hasPrefix", "hasSuffix", "max", "min", "mean", "median", "toJSON", "fromJSON",
        "toBase64", "fromBase64", "now", "duration", "date", "timezone", "first", "last", "get", "take",
        "keys", "values", "toPairs", "fromPairs", "reverse", "uniq", "concat", "flatten", "sort",
        "bitand", "bitor", "bitxor", "bitnand", "bitnot", "bitshl", "bitshr", "bitushr");
}
