package io.ameide.coderguard.policyguard.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.ameide.coderguard.policyguard.decision.Finding;
import io.ameide.coderguard.policyguard.decision.Judge;
import io.ameide.coderguard.policyguard.decision.NamespaceSnapshot;
import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.PolicyException;
import io.ameide.coderguard.policyguard.policy.PolicyParser;
import io.ameide.coderguard.policyguard.policy.Severity;

/**
 * The audit mode: the service's own rules, run offline over manifests and a policy file, so that a change can be checked
 * in CI before it merges. It talks to nothing and changes nothing; orphans, which need Coder, are not judged.
 */
public final class AuditCommand {

    static final String USAGE = """
            Usage: policy-guard audit --policy FILE [options] PATH...
              PATH                 a YAML or JSON manifest, or a folder of them (read recursively)
              --policy FILE        the policy document, or the ConfigMap that carries it
              --json               print the findings as a JSON array
              --fail-on SEVERITY   exit 3 when a finding is at least this severe: info, low, medium, high, critical
                                   (default: info, i.e. any finding)
              --now INSTANT        the clock for exemption expiry, RFC 3339 (default: the current time)
            Exit status: 0 no finding reaches --fail-on, 3 one does, 1 input or policy unreadable, 2 wrong command line.""";

    static final int OK = 0;
    static final int UNREADABLE = 1;
    static final int USAGE_ERROR = 2;
    static final int FAILED = 3;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    public AuditCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public int run(String... args) {
        Options options;
        try {
            options = Options.parse(args, clock);
        } catch (IllegalArgumentException e) {
            err.println("policy-guard audit: " + e.getMessage());
            err.println(USAGE);
            return USAGE_ERROR;
        }
        if (options.help) {
            out.println(USAGE);
            return OK;
        }

        Policy policy;
        Manifests manifests = new Manifests();
        try {
            policy = PolicyParser.parse(Files.readString(options.policy));
            for (Path path : options.paths) {
                manifests.read(path);
            }
        } catch (IOException e) {
            err.println("policy-guard audit: cannot read " + options.policy + ": " + Manifests.why(e));
            return UNREADABLE;
        } catch (PolicyException | ManifestException e) {
            err.println("policy-guard audit: " + e.getMessage());
            return UNREADABLE;
        }

        ObservedObjects.Grouped grouped = ObservedObjects.group(manifests.objects(), policy);
        List<Finding> findings = judge(policy, grouped, options.now);

        print(findings, manifests, grouped, options.json);
        return findings.stream().anyMatch(finding -> finding.severity().atLeast(options.failOn)) ? FAILED : OK;
    }

    private static List<Finding> judge(Policy policy, ObservedObjects.Grouped grouped, Instant now) {
        Judge judge = new Judge(policy);
        List<Finding> findings = new ArrayList<>();
        for (NamespaceSnapshot namespace : grouped.namespaces()) {
            findings.addAll(judge.judge(namespace, grouped.cluster(), Optional.empty(), now));
        }
        return findings;
    }

    private void print(List<Finding> findings, Manifests manifests, ObservedObjects.Grouped grouped, boolean json) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(findings.stream().map(AuditCommand::asJson).toList()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("findings are plain strings and always serialise", e);
            }
            return;
        }
        for (Finding finding : findings) {
            out.println(String.format("%-8s %-34s %s [%s] %s", finding.severity().label().toUpperCase(),
                    finding.ruleId(), finding.object(), finding.subject(), finding.message()));
        }
        String skipped = manifests.skipped().isEmpty() ? "" : "; not judged: " + manifests.skipped();
        String unselected = grouped.notSelected().isEmpty()
                ? ""
                : "; namespaces the policy's selector does not pick: " + grouped.notSelected();
        out.println(findings.size() + " finding(s) over " + manifests.read() + " object(s)" + skipped
                + unselected);
    }

    private static Map<String, Object> asJson(Finding finding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", finding.ruleId());
        json.put("severity", finding.severity().label());
        json.put("kind", finding.object().kind());
        json.put("namespace", finding.object().namespace());
        json.put("name", finding.object().name());
        json.put("subject", finding.subject());
        json.put("message", finding.message());
        json.put("remediation", finding.remediation());
        return json;
    }

    private static final class Options {

        Path policy;
        final List<Path> paths = new ArrayList<>();
        boolean json;
        boolean help;
        Severity failOn = Severity.INFO;
        Instant now;

        static Options parse(String[] args, Clock clock) {
            Options options = new Options();
            options.now = clock.instant();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--help" -> options.help = true;
                    case "--json" -> options.json = true;
                    case "--policy" -> options.policy = Path.of(value(args, ++i, "--policy"));
                    case "--fail-on" -> options.failOn = severity(value(args, ++i, "--fail-on"));
                    case "--now" -> options.now = instant(value(args, ++i, "--now"));
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        options.paths.add(Path.of(args[i]));
                    }
                }
            }
            if (!options.help && options.policy == null) {
                throw new IllegalArgumentException("--policy FILE is required");
            }
            if (!options.help && options.paths.isEmpty()) {
                throw new IllegalArgumentException("name at least one manifest file or folder");
            }
            return options;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static Severity severity(String label) {
            Severity severity = Severity.ofLabel(label);
            if (severity == null) {
                throw new IllegalArgumentException("--fail-on must be one of info, low, medium, high, critical");
            }
            return severity;
        }

        private static Instant instant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--now must be an RFC 3339 time in UTC, such as 2026-01-31T00:00:00Z");
            }
        }
    }
}
