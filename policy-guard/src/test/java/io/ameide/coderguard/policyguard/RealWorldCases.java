package io.ameide.coderguard.policyguard;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The policy-guard cases of the shared case set (copied into src/test/resources/cases), each with the findings its
 * expected.txt states, written as {@code rule kind namespace/name [subject]}. Each case input is trimmed to one concern,
 * so each names its scope: the findings its expectation is about. Outside that scope the trimmed input lacks things on
 * purpose (case-18 has no NetworkPolicy at all, for one), and the rules rightly flag them; within it the findings must
 * be exactly the expected ones, no more, no fewer.
 */
public enum RealWorldCases {

    /** COMPLIANT: podSelector: {} covers the pod; the allowlist equals the baseline. Every finding is in scope. */
    CASE_15("case-15.yaml", line -> true),
    /** ws-u-cedar lacks DNS; ws-u-dune allows it on UDP/53 only; default-deny is right in both. */
    CASE_17("case-17.yaml", line -> line.startsWith("network."),
            "network.dns Namespace ws-u-cedar [DNS]",
            "network.dns Namespace ws-u-dune [DNS]"),
    /** A ResourceQuota alone does not make the namespace compliant: the LimitRange is absent. */
    CASE_18("case-18.yaml", line -> line.startsWith("quota."),
            "quota.limit-range-missing Namespace ws-u-elm [LimitRange]"),
    /** Three findings on the pod; an unprivileged main container does not make the pod pass. */
    CASE_20("case-20.yaml", line -> line.contains(" Pod "),
            "privilege.host-path Pod ws-u-grove/coder-u-grove-ws-moss-7c8d9e-k4p2q [volume dockersock]",
            "privilege.privileged Pod ws-u-grove/coder-u-grove-ws-moss-7c8d9e-k4p2q [ephemeralContainer debugger-r7t]",
            "privilege.privileged Pod ws-u-grove/coder-u-grove-ws-moss-7c8d9e-k4p2q [initContainer setup-docker]"),
    /** b-tools (tag only, behind a registry port), d-init (malformed digest), e-helper (sha256 only in its name). */
    CASE_21("case-21.yaml", line -> line.contains(" Pod "),
            "image.digest Pod ws-u-heath/coder-u-heath-ws-tarn-9a8b7c-m3n4b [container b-tools]",
            "image.digest Pod ws-u-heath/coder-u-heath-ws-tarn-9a8b7c-m3n4b [container e-helper]",
            "image.digest Pod ws-u-heath/coder-u-heath-ws-tarn-9a8b7c-m3n4b [initContainer d-init]"),
    /** kafka-client through a projected volume, analytics-db (prod) through envFrom. */
    CASE_22("case-22.yaml", line -> line.contains(" Pod "),
            "credentials.other-environment Pod ws-u-iris/coder-u-iris-ws-sedge-4e5f6a-q8w7e [secret analytics-db]",
            "credentials.queue-secret Pod ws-u-iris/coder-u-iris-ws-sedge-4e5f6a-q8w7e [secret kafka-client]"),
    /** A stale PolicyReport names a gone pod; the live pod is unprivileged: nothing on any pod. */
    CASE_23("case-23.yaml", line -> line.contains(" Pod ") || line.contains("old1a"));

    private final String file;
    private final Predicate<String> scope;
    private final List<String> expected;

    RealWorldCases(String file, Predicate<String> scope, String... expected) {
        this.file = file;
        this.scope = scope;
        this.expected = List.of(expected);
    }

    public Path input() {
        return resource("cases/" + file);
    }

    public static Path baseline() {
        return resource("cases/baseline.yaml");
    }

    /** The findings, as lines, that this case's expectation is about. */
    public List<String> inScope(List<String> lines) {
        return lines.stream().filter(scope).sorted().toList();
    }

    public List<String> expected() {
        return expected.stream().sorted().toList();
    }

    public static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(RealWorldCases.class.getClassLoader().getResource(name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
