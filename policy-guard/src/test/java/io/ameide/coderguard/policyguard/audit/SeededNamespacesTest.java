package io.ameide.coderguard.policyguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The sandbox's seeded namespaces (policy-guard/sandbox/) hold the deviations their header promises, and ws-alice none:
 * what the sandbox shows is what the rules find.
 */
class SeededNamespacesTest {

    @Test
    void findsExactlyTheSeededDeviations() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditCommand command = new AuditCommand(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                Clock.systemUTC());

        int exit = command.run("--policy", "sandbox/policy.yaml", "sandbox/workspace-namespaces.yaml");

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines()
                .map(line -> line.replaceAll("\\s+", " "))
                .map(line -> line.contains("]") ? line.substring(0, line.indexOf(']') + 1) : line)
                .toList();
        String bobPod = "Pod ws-bob/coder-8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f-7d8e9f0a1b-k4p2q";
        assertThat(lines).containsExactly(
                "MEDIUM network.dns Namespace ws-bob [DNS]",
                "HIGH image.digest " + bobPod + " [container dind]",
                "CRITICAL privilege.host-path " + bobPod + " [volume dockersock]",
                "CRITICAL privilege.privileged " + bobPod + " [container dind]",
                "MEDIUM quota.limit-range-missing Namespace ws-carol [LimitRange]",
                "CRITICAL credentials.queue-secret Pod ws-carol/carol-scratch [secret orders-kafka]",
                "MEDIUM identity.token-automount Pod ws-carol/carol-scratch [ServiceAccount ws-carol]",
                "CRITICAL identity.cluster-admin RoleBinding ws-carol/workspace-helper [ServiceAccount ws-carol]",
                "8 finding(s) over 26 object(s)");
        assertThat(exit).isEqualTo(AuditCommand.FAILED);
    }
}
