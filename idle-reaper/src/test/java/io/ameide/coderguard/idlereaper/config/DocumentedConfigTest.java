package io.ameide.coderguard.idlereaper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every configuration key is in the tables of the READMEs, so that the tables cannot fall behind the code. */
class DocumentedConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "../README.md"})
    void documentsEveryConfigurationKey(String readme) throws IOException {
        String text = Files.readString(Path.of(readme));

        assertThat(keys("idle-reaper", ReaperConfig.class)).hasSize(37)
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
