package io.ameide.coderguard.policyguard.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache that keeps each object trimmed to what the rules read, and indexed by namespace, so that a
 * namespace's objects are found without walking the whole cache.
 */
final class NamespacedStore<T extends HasMetadata> extends BasicItemStore<T> {

    private final UnaryOperator<T> trim;
    private final Map<String, Map<String, T>> byNamespace = new ConcurrentHashMap<>();

    NamespacedStore(UnaryOperator<T> trim) {
        super(Cache::metaNamespaceKeyFunc);
        this.trim = trim;
    }

    @Override
    public synchronized T put(String key, T object) {
        T trimmed = trim.apply(object);
        byNamespace.computeIfAbsent(namespaceOf(trimmed), namespace -> new ConcurrentHashMap<>()).put(key, trimmed);
        return super.put(key, trimmed);
    }

    @Override
    public synchronized T remove(String key) {
        T removed = super.remove(key);
        if (removed != null) {
            Map<String, T> members = byNamespace.get(namespaceOf(removed));
            if (members != null) {
                members.remove(key);
                if (members.isEmpty()) {
                    byNamespace.remove(namespaceOf(removed));
                }
            }
        }
        return removed;
    }

    /** The objects of one namespace, or of cluster-scoped kinds with {@code ""}. */
    List<T> inNamespace(String namespace) {
        Map<String, T> members = byNamespace.get(namespace);
        return members == null ? List.of() : List.copyOf(members.values());
    }

    private static String namespaceOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null ? "" : namespace;
    }
}
