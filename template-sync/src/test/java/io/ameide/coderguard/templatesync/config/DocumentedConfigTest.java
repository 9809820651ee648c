package io.ameide.coderguard.templatesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Every configuration key is in the README's table, so that the table cannot fall behind the code. */
class DocumentedConfigTest {

    @Test
    void documentsEveryConfigurationKey() throws IOException {
        String text = Files.readString(Path.of("README.md"));

        assertThat(keys("template-sync", TemplateSyncConfig.class)).hasSize(28)
                .allSatisfy(key -> assertThat(text).contains("| `" + key + "` |"));
    }

    private static List<String> keys(String prefix, Class<?> mapping) {
        List<String> keys = new ArrayList<>();
        for (Method method : mapping.getDeclaredMethods()) {
            String key = prefix + "." + kebab(method.getName());
            if (method.getReturnType().isInterface() && method.getReturnType().getPackageName().startsWith("io.ameide")) {
                keys.addAll(keys(key, method.getReturnType()));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
