package dev.skiff.executor.pod.build;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The order of a merged list in a strategic merge patch (apimachinery's normalizeElementOrder and
 * mergeSortedSlice): the patch's items in patch order, the others in their original order, each original item
 * placed before a patch item it preceded in the original; items new in the patch come first.
 */
final class MergeListOrder {

    private MergeListOrder() {
    }

    /** Orders {@code merged} (maps with merge key {@code key}) after merging {@code patch} into {@code original}. */
    static List<Object> of(List<Object> merged, List<Object> patch, List<Object> original, String key) {
        List<Object> patchItems = new ArrayList<>();
        List<Object> serverOnly = new ArrayList<>();
        for (Object item : merged) {
            Object value = ((Map<?, ?>) item).get(key);
            (indexOf(patch, key, value) >= 0 ? patchItems : serverOnly).add(item);
        }
        sortBy(patchItems, patch, key);
        sortBy(serverOnly, original, key);
        return mergeSorted(serverOnly, patchItems, original, key);
    }

    /** apimachinery's mergeSortedSlice: server-only items go before patch items they precede in the original. */
    private static List<Object> mergeSorted(List<Object> left, List<Object> right, List<Object> order, String key) {
        List<Object> out = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                out.add(right.get(j++));
            } else if (j >= right.size()) {
                out.add(left.get(i++));
            } else {
                int li = indexOf(order, key, ((Map<?, ?>) left.get(i)).get(key));
                int ri = indexOf(order, key, ((Map<?, ?>) right.get(j)).get(key));
                if (li >= 0 && ri >= 0 && li < ri) {
                    out.add(left.get(i++));
                } else {
                    out.add(right.get(j++));
                }
            }
        }
        return out;
    }

    private static void sortBy(List<Object> items, List<Object> order, String key) {
        items.sort(Comparator.comparingInt(item -> {
            int at = indexOf(order, key, ((Map<?, ?>) item).get(key));
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
    }

    static int indexOf(List<Object> list, String key, Object value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> m && valueEquals(m.get(key), value)) {
                return i;
            }
        }
        return -1;
    }

    /** Equality as Go compares decoded JSON: numbers by value, whatever their Java type. */
    static boolean valueEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }
}
