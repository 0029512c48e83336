package dev.skiff.engine.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list that appends in amortised constant time by sharing its array with the list it was
 * appended to, as Go slices do. Used for node children, which grow one by one and may number thousands.
 *
 * @param <T> element type
 */
public final class AppendList<T> extends AbstractList<T> implements RandomAccess {

    /** The shared array and how much of it some list already uses. */
    private static final class Store {
        Object[] items;
        int used;

        Store(Object[] items, int used) {
            this.items = items;
            this.used = used;
        }
    }

    private final Store store;
    private final int size;

    private AppendList(Store store, int size) {
        this.store = store;
        this.size = size;
    }

    /** A list with the elements of {@code list} followed by {@code item}. */
    public static <T> List<T> append(List<T> list, T item) {
        if (list instanceof AppendList<T> a) {
            return a.plus(item);
        }
        Object[] items = Arrays.copyOf(list.toArray(), Math.max(4, list.size() * 2));
        items[list.size()] = item;
        return new AppendList<>(new Store(items, list.size() + 1), list.size() + 1);
    }

    private synchronized AppendList<T> plus(T item) {
        synchronized (store) {
            if (store.used == size && size < store.items.length) {
                store.items[size] = item;
                store.used++;
                return new AppendList<>(store, size + 1);
            }
            Object[] items = Arrays.copyOf(store.items, Math.max(4, size * 2));
            items[size] = item;
            return new AppendList<>(new Store(items, size + 1), size + 1);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return (T) store.items[index];
    }

    @Override
    public int size() {
        return size;
    }
}
