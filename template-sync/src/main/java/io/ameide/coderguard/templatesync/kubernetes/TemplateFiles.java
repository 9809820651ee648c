package io.ameide.coderguard.templatesync.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * A template's files from the ConfigMap the chart builds out of the template's directory. A ConfigMap key cannot hold
 * {@code /}, so a file in a subdirectory is keyed with {@code __} in its place: {@code modules__agent.tf} is
 * {@code modules/agent.tf}. Text files are in {@code data}, others in {@code binaryData}.
 */
public final class TemplateFiles {

    static final String SEPARATOR = "__";

    private TemplateFiles() {
    }

    /** @throws IllegalArgumentException when a binaryData value is not base64 */
    public static Map<String, byte[]> read(ConfigMap configMap) {
        Map<String, byte[]> files = new TreeMap<>();
        if (configMap.getData() != null) {
            configMap.getData().forEach((key, text) -> files.put(path(key), text.getBytes(StandardCharsets.UTF_8)));
        }
        if (configMap.getBinaryData() != null) {
            configMap.getBinaryData().forEach((key, base64) -> files.put(path(key), decode(key, base64)));
        }
        return files;
    }

    static String path(String key) {
        return key.replace(SEPARATOR, "/");
    }

    private static byte[] decode(String key, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("binaryData " + key + " is not base64", e);
        }
    }
}
