package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Every value a chart takes is in the values table of its README. */
class DocumentedValuesTest {

    static List<String> charts() {
        return DeployTree.charts();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyValueOfTheChartIsInItsReadme(String chart) {
        JsonNode values = Manifests.document(Readmes.read(DeployTree.chart(chart).resolve("values.yaml")));
        Set<String> documented = Readmes.tableKeys(Readmes.read(DeployTree.chart(chart).resolve("README.md")));

        assertThat(undocumented(values, "", documented)).isEmpty();
    }

    @Test
    void aValueMissingFromTheTableIsFound() {
        JsonNode values = Manifests.document("""
                enabled: false
                image:
                  repository: ""
                  digest: ""
                """);

        assertThat(undocumented(values, "", Set.of("enabled", "image.repository"))).containsExactly("image.digest");
    }

    /** A key is documented itself, or it is a map whose every key is. */
    private static List<String> undocumented(JsonNode node, String prefix, Set<String> documented) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            if (documented.contains(key)) {
                continue;
            }
            if (field.getValue().isObject() && !field.getValue().isEmpty()) {
                missing.addAll(undocumented(field.getValue(), key + ".", documented));
            } else {
                missing.add(key);
            }
        }
        return missing;
    }
}
