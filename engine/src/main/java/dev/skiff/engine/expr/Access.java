package dev.skiff.engine.expr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Member access, indexing and slicing with expr-lang's runtime rules (negative indexes, byte strings). */
final class Access {
    private Access() {
    }

    static Object fetch(Object from, Object key) {
        switch (from) {
            case null -> throw new EvalError("cannot fetch " + Values.formatV(key) + " from <nil>");
            case Map<?, ?> map -> {
                if (key != null && !(key instanceof String)) {
                    throw new EvalError("cannot fetch " + Values.formatV(key) + " from map[string]interface {}"
                        + " (key of type " + Values.typeName(key) + ")");
                }
                return map.get(key);
            }
            case List<?> list -> {
                int i = index(Arithmetic.toInt(key, "int"), list.size());
                return list.get(i);
            }
            case String s -> {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                int i = index(Arithmetic.toInt(key, "int"), bytes.length);
                return (long) (bytes[i] & 0xff);
            }
            default -> throw new EvalError("cannot fetch " + Values.formatV(key) + " from " + Values.typeName(from));
        }
    }

    private static int index(long index, int length) {
        long i = index < 0 ? length + index : index;
        if (i < 0 || i >= length) {
            throw new EvalError("index out of range: " + i + " (array length is " + length + ")");
        }
        return (int) i;
    }

    static Object slice(Object array, Object fromValue, Object toValue) {
        int length;
        if (array instanceof List<?> list) {
            length = list.size();
        } else if (array instanceof String s) {
            length = s.getBytes(StandardCharsets.UTF_8).length;
        } else {
            throw new EvalError("cannot slice " + Values.typeName(array));
        }
        long a = fromValue == null ? 0 : Arithmetic.toInt(fromValue, "int");
        long b = toValue == null ? length : Arithmetic.toInt(toValue, "int");
        if (a < 0) {
            a = Math.max(0, length + a);
        }
        if (b < 0) {
            b = Math.max(0, length + b);
        }
        b = Math.min(b, length);
        a = Math.min(a, b);
        if (array instanceof List<?> list) {
            return new ArrayList<Object>(list.subList((int) a, (int) b));
        }
        byte[] bytes = ((String) array).getBytes(StandardCharsets.UTF_8);
        return new String(Arrays.copyOfRange(bytes, (int) a, (int) b), StandardCharsets.UTF_8);
    }
}
