package io.ameide.coderguard.templatesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.config.ConfigKeys;

/** Every configuration key is in the README's table, so that the table cannot fall behind the code. */
class DocumentedConfigTest {

    @Test
    void documentsEveryConfigurationKey() throws IOException {
        String text = Files.readString(Path.of("README.md"));

        assertThat(ConfigKeys.of("template-sync", TemplateSyncConfig.class)).hasSize(28)
                .allSatisfy(key -> assertThat(text).contains("| `" + key + "` |"));
    }
}
