package io.ameide.coderguard.policyguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.config.ConfigKeys;
import io.ameide.coderguard.policyguard.policy.Rule;

/** Every config key, rule and meter is in the README's tables, so that the README cannot fall behind the code. */
class DocumentedConfigTest {

    private static final List<String> METERS = List.of("policy_guard_findings", "policy_guard_evaluations_total",
            "policy_guard_evaluation_seconds", "policy_guard_objects_cached", "policy_guard_reports_written_total",
            "policy_guard_events_written_total");

    @Test
    void documentsEveryConfigKeyInTheConfigTable() throws IOException {
        String readme = readme();

        assertThat(ConfigKeys.of("policy-guard", GuardConfig.class)).hasSize(14)
                .allSatisfy(key -> assertThat(readme).contains("| `" + key + "` |"));
    }

    @Test
    void documentsEveryRuleAndMeter() throws IOException {
        String readme = readme();
        assertThat(Rule.values()).allSatisfy(rule -> assertThat(readme).contains("| `" + rule.id() + "` |"));
        assertThat(METERS).allSatisfy(meter -> assertThat(readme).contains("| `" + meter));
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }
}
