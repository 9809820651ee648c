package io.ameide.coderguard.policyguard.policy;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Label sets as {@code kubectl} prints them: {@code a=1,b=2}, sorted by key. */
public final class Labels {

    private Labels() {
    }

    public static String format(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet()
                .stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    /** Whether {@code labels} carries every key and value of {@code required}. */
    public static boolean containsAll(Map<String, String> labels, Map<String, String> required) {
        if (required.isEmpty()) {
            return true;
        }
        if (labels == null) {
            return false;
        }
        return required.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }
}
