package io.ameide.coderguard.policyguard.kubernetes;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.ameide.coderguard.policyguard.decision.Finding;
import io.ameide.coderguard.policyguard.report.Reports;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A Warning Event on the offending object for each new finding, so that {@code kubectl describe} on the pod shows why it
 * is flagged. Events of cluster-scoped objects (a ClusterRoleBinding) are written in the judged namespace.
 */
public final class DriftEvents {

    public static final String REASON = "PolicyDrift";
    private static final int MESSAGE_LIMIT = 1024;

    private final KubernetesClient client;

    public DriftEvents(KubernetesClient client) {
        this.client = client;
    }

    public void record(String namespace, Finding finding, Instant now) {
        String message = "[" + finding.ruleId() + "] " + finding.message();
        String name = finding.object().name() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Event event = new EventBuilder().withNewMetadata()
                .withName(name.length() > 253 ? name.substring(name.length() - 253) : name)
                .withNamespace(namespace)
                .withLabels(Map.of(Reports.MANAGED_BY, Reports.SOURCE))
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(finding.object().apiVersion())
                .withKind(finding.object().kind())
                .withNamespace(finding.object().namespace())
                .withName(finding.object().name())
                .withUid(finding.object().uid())
                .endInvolvedObject()
                .withType("Warning")
                .withReason(REASON)
                .withMessage(message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) : message)
                .withNewSource()
                .withComponent(Reports.SOURCE)
                .endSource()
                .withFirstTimestamp(now.toString())
                .withLastTimestamp(now.toString())
                .withCount(1)
                .build();
        client.v1().events().inNamespace(namespace).resource(event).create();
    }
}
