package io.ameide.coderguard.policyguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.policyguard.policy.Rule;

/** Every config key, rule and meter is in the README's tables, so that the README cannot fall behind the code. */
class DocumentedConfigTest {

    private static final List<String> KEYS = List.of("policy-guard.policy-file", "policy-guard.kubernetes-enabled",
            "policy-guard.debounce", "policy-guard.resync-interval", "policy-guard.report-max-results",
            "policy-guard.coder.url", "policy-guard.coder.token-file", "policy-guard.coder.token",
            "policy-guard.lease.enabled", "policy-guard.lease.namespace", "policy-guard.lease.name",
            "policy-guard.lease.lease-duration", "policy-guard.lease.renew-deadline", "policy-guard.lease.retry-period");

    private static final List<String> METERS = List.of("policy_guard_findings", "policy_guard_evaluations_total",
            "policy_guard_evaluation_seconds", "policy_guard_objects_cached", "policy_guard_reports_written_total",
            "policy_guard_events_written_total");

    @Test
    void documentsEveryConfigKeyInTheConfigTable() throws IOException {
        String readme = readme();
        assertThat(KEYS).allSatisfy(key -> assertThat(readme).contains("| `" + key + "` |"));
    }

    @Test
    void documentsEveryConfigMethod() {
        long methods = Stream.of(GuardConfig.class, GuardConfig.Coder.class, GuardConfig.Lease.class)
                .mapToLong(type -> Stream.of(type.getDeclaredMethods()).filter(m -> m.getReturnType() != GuardConfig.Coder.class
                        && m.getReturnType() != GuardConfig.Lease.class).count())
                .sum();
        assertThat(KEYS).hasSize((int) methods);
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
