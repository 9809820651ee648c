package io.ameide.coderguard.idlereaper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ameide.coderguard.common.config.ConfigKeys;

/** Every configuration key is in the tables of the READMEs, so that the tables cannot fall behind the code. */
class DocumentedConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "../README.md"})
    void documentsEveryConfigurationKey(String readme) throws IOException {
        String text = Files.readString(Path.of(readme));

        assertThat(ConfigKeys.of("idle-reaper", ReaperConfig.class)).hasSize(37)
                .allSatisfy(key -> assertThat(text).contains("| `" + key + "` |"));
    }
}
