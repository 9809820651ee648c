package io.ameide.coderguard.policyguard.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ameide.coderguard.policyguard.decision.Finding;

/**
 * Turns a namespace's findings into its PolicyReport, given the report as it stands: a finding already reported keeps
 * the time it was first seen, so an unchanged judgement yields an equal report and nothing is written; a finding not in
 * the report as it stands is new, and gets its Event.
 */
public final class Reports {

    public static final String NAME = "policy-guard";
    public static final String SOURCE = "policy-guard";
    public static final String SUBJECT = "subject";
    public static final String REMEDIATION = "remediation";
    /** Set when results were left out to keep the report within its bound: how many. */
    public static final String TRUNCATED_ANNOTATION = "policy-guard.ameide.io/results-left-out";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private Reports() {
    }

    /** The desired report, and which findings it holds that the current one does not. */
    public record Update(PolicyReport desired, List<Finding> newFindings, boolean changed) {
    }

    public static Update update(String namespace, List<Finding> findings, PolicyReport current, Instant now,
            int maxResults) {
        Map<String, PolicyReport.Timestamp> seen = new HashMap<>();
        if (current != null) {
            current.getResults().forEach(result -> seen.put(key(result), result.timestamp));
        }
        List<Finding> kept = new ArrayList<>(findings);
        kept.sort(keptFirst(seen));
        int leftOut = Math.max(0, kept.size() - maxResults);
        kept = kept.subList(0, Math.min(kept.size(), maxResults));

        PolicyReport desired = new PolicyReport();
        desired.getMetadata().setName(NAME);
        desired.getMetadata().setNamespace(namespace);
        desired.getMetadata().setLabels(Map.of(MANAGED_BY, SOURCE));
        if (leftOut > 0) {
            desired.getMetadata().setAnnotations(Map.of(TRUNCATED_ANNOTATION, Integer.toString(leftOut)));
        }
        List<Finding> fresh = new ArrayList<>();
        for (Finding finding : kept) {
            PolicyReport.Result result = result(finding);
            PolicyReport.Timestamp firstSeen = seen.get(key(result));
            result.timestamp = firstSeen == null ? timestamp(now) : firstSeen;
            if (firstSeen == null) {
                fresh.add(finding);
            }
            desired.getResults().add(result);
        }
        desired.getSummary().fail = findings.size();
        return new Update(desired, fresh, current == null || !same(current, desired));
    }

    /**
     * The order in which findings earn a place in a bounded report: the most severe first; among equals, those the
     * current report holds already, so that a burst of new findings (a user creating many pods) cannot push an older
     * one out, and its Event and first-seen time are not lost and repeated; then a fixed order, so the same findings
     * always give the same report.
     */
    private static Comparator<Finding> keptFirst(Map<String, PolicyReport.Timestamp> seen) {
        return Comparator.comparing(Finding::severity).reversed()
                .thenComparing(finding -> !seen.containsKey(key(result(finding))))
                .thenComparing(Finding::ruleId)
                .thenComparing(finding -> finding.object().toString())
                .thenComparing(finding -> String.valueOf(finding.subject()));
    }

    private static boolean same(PolicyReport current, PolicyReport desired) {
        return current.getSummary() != null && current.getSummary().fail == desired.getSummary().fail
                && results(current).equals(results(desired))
                && annotation(current).equals(annotation(desired));
    }

    private static List<String> results(PolicyReport report) {
        return report.getResults().stream()
                .map(result -> key(result) + "|" + result.severity + "|" + result.message + "|" + uid(result)
                        + "|" + (result.timestamp == null ? "" : result.timestamp.seconds))
                .sorted()
                .toList();
    }

    private static String annotation(PolicyReport report) {
        Map<String, String> annotations = report.getMetadata().getAnnotations();
        return annotations == null ? "" : annotations.getOrDefault(TRUNCATED_ANNOTATION, "");
    }

    private static PolicyReport.Result result(Finding finding) {
        PolicyReport.Result result = new PolicyReport.Result();
        result.source = SOURCE;
        result.policy = finding.ruleId().substring(0, finding.ruleId().indexOf('.'));
        result.rule = finding.ruleId();
        result.result = "fail";
        result.severity = finding.severity().label();
        result.category = result.policy;
        result.message = finding.message();
        PolicyReport.ResourceRef resource = new PolicyReport.ResourceRef();
        resource.apiVersion = finding.object().apiVersion();
        resource.kind = finding.object().kind();
        resource.namespace = finding.object().namespace();
        resource.name = finding.object().name();
        resource.uid = finding.object().uid();
        result.resources = List.of(resource);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(SUBJECT, finding.subject());
        properties.put(REMEDIATION, finding.remediation());
        result.properties = properties;
        return result;
    }

    /** What makes two results the same finding: rule, object and subject, as {@link Finding#key()}. */
    static String key(PolicyReport.Result result) {
        PolicyReport.ResourceRef resource = result.resources == null || result.resources.isEmpty()
                ? null
                : result.resources.get(0);
        String subject = result.properties == null ? null : result.properties.get(SUBJECT);
        return result.rule + "|" + (resource == null ? "" : resource.kind + "|" + resource.namespace + "|" + resource.name)
                + "|" + subject;
    }

    private static String uid(PolicyReport.Result result) {
        return result.resources == null || result.resources.isEmpty() ? "" : String.valueOf(result.resources.get(0).uid);
    }

    private static PolicyReport.Timestamp timestamp(Instant now) {
        PolicyReport.Timestamp timestamp = new PolicyReport.Timestamp();
        timestamp.seconds = now.getEpochSecond();
        timestamp.nanos = 0;
        return timestamp;
    }
}
