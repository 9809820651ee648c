package io.ameide.coderguard.policyguard.kubernetes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.ameide.coderguard.policyguard.decision.Finding;
import io.ameide.coderguard.policyguard.report.PolicyReport;
import io.ameide.coderguard.policyguard.report.Reports;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Keeps one PolicyReport per workspace namespace equal to its findings, writing only when they changed. The report in
 * the API server is the memory of what was already reported: it survives restarts and leader changes, so a finding
 * gets its Event once, not once per replica or restart. The last report written is kept to spare a read per judgement;
 * on a conflict it is dropped and read afresh next time.
 */
public final class ReportWriter {

    private static final Logger LOG = Logger.getLogger(ReportWriter.class);

    private final KubernetesClient client;
    private final int maxResults;
    private final Map<String, PolicyReport> written = new ConcurrentHashMap<>();

    public ReportWriter(KubernetesClient client, int maxResults) {
        this.client = client;
        this.maxResults = maxResults;
        registerWith(client);
    }

    /**
     * Tells the client's deserializer that {@code wgpolicyk8s.io/v1alpha2} PolicyReport is {@link PolicyReport}; without
     * it the client answers a read of the type with a generic resource.
     */
    public static void registerWith(KubernetesClient client) {
        client.getKubernetesSerialization().registerKubernetesResource(PolicyReport.class);
    }

    /** What a write did: whether the report was sent, and the findings it did not hold before. */
    public record Written(boolean sent, List<Finding> newFindings) {
    }

    /** Brings the namespace's report up to date, sending it only when its results changed. */
    public Written write(String namespace, List<Finding> findings, Instant now) {
        PolicyReport current = written.computeIfAbsent(namespace, this::read);
        Reports.Update update = Reports.update(namespace, findings, current == NONE ? null : current, now, maxResults);
        if (!update.changed()) {
            return new Written(false, List.of());
        }
        try {
            PolicyReport stored = save(namespace, current == NONE ? null : current, update.desired());
            written.put(namespace, stored);
        } catch (KubernetesClientException e) {
            written.remove(namespace);
            throw e;
        }
        LOG.infof("PolicyReport updated: namespace=%s findings=%d new=%d", namespace, findings.size(),
                update.newFindings().size());
        return new Written(true, update.newFindings());
    }

    /** Forgets a namespace that is no longer judged; its report goes with the namespace or stays as last written. */
    public void forget(String namespace) {
        written.remove(namespace);
    }

    private PolicyReport save(String namespace, PolicyReport current, PolicyReport desired) {
        var reports = client.resources(PolicyReport.class).inNamespace(namespace);
        if (current == null) {
            return reports.resource(desired).create();
        }
        desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        return reports.resource(desired).update();
    }

    private PolicyReport read(String namespace) {
        PolicyReport found = client.resources(PolicyReport.class).inNamespace(namespace).withName(Reports.NAME).get();
        return found == null ? NONE : found;
    }

    /** Stands for "no report yet" in the map, which takes no nulls. */
    private static final PolicyReport NONE = new PolicyReport();
}
