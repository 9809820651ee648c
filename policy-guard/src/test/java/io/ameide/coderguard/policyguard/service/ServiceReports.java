package io.ameide.coderguard.policyguard.service;

import java.util.List;

import io.ameide.coderguard.policyguard.report.PolicyReport;
import io.ameide.coderguard.policyguard.report.Reports;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads what the service wrote, as the tests compare it. */
final class ServiceReports {

    private ServiceReports() {
    }

    static PolicyReport report(KubernetesClient client, String namespace) {
        return client.resources(PolicyReport.class).inNamespace(namespace).withName(Reports.NAME).get();
    }

    /** {@code rule kind namespace/name [subject]} per result, as the audit tests write findings. */
    static List<String> lines(PolicyReport report) {
        return report.getResults().stream().map(result -> {
            PolicyReport.ResourceRef resource = result.resources.get(0);
            return result.rule + " " + resource.kind + " "
                    + (resource.namespace == null ? "" : resource.namespace + "/") + resource.name + " ["
                    + result.properties.get(Reports.SUBJECT) + "]";
        }).sorted().toList();
    }
}
