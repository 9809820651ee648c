package io.ameide.coderguard.policyguard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;

/**
 * A fleet of workspace namespaces shaped like the platform's: per namespace a default-deny policy, an egress allowlist
 * split over three policies (DNS, Coder, proxy), a quota, a limit range and pods with three containers each, one in
 * ten privileged so that there is something to find.
 */
final class Fleet {

    static final String IMAGE = "registry.example.internal/devbox/base:1.8.2@sha256:"
            + "3f1a9c0e5b7d2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d";

    private Fleet() {
    }

    static List<HasMetadata> namespace(String name, int pods) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("coder.example.internal/workspace", "true", "environment", "dev")).endMetadata()
                .build());
        objects.add(new NetworkPolicyBuilder().withNewMetadata().withName("default-deny").withNamespace(name)
                .endMetadata().withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress")
                .endSpec().build());
        objects.add(egress(name, "dns", "kube-system", Map.of("k8s-app", "kube-dns"), 53, "UDP", "TCP"));
        objects.add(egress(name, "coder", "coder", Map.of("app.kubernetes.io/name", "coder"), 8080, "TCP"));
        objects.add(new NetworkPolicyBuilder().withNewMetadata().withName("proxy").withNamespace(name).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Egress").addNewEgress().addNewTo()
                .withNewIpBlock().withCidr("10.40.0.10/32").endIpBlock().endTo().addNewPort().withProtocol("TCP")
                .withNewPort(3128).endPort().endEgress().endSpec().build());
        objects.add(new ResourceQuotaBuilder().withNewMetadata().withName("ws-quota").withNamespace(name).endMetadata()
                .withNewSpec().withHard(Map.of("limits.cpu", new Quantity("8"))).endSpec().build());
        objects.add(new LimitRangeBuilder().withNewMetadata().withName("ws-defaults").withNamespace(name).endMetadata()
                .withNewSpec().addNewLimit().withType("Container")
                .withDefault(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi"))).endLimit().endSpec()
                .build());
        for (int i = 0; i < pods; i++) {
            objects.add(pod(name, "ws-pod-" + i, i % 10 == 9));
        }
        return objects;
    }

    static io.fabric8.kubernetes.api.model.Pod pod(String namespace, String name, boolean privileged) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/name", "coder-workspace")).endMetadata().withNewSpec()
                .addNewInitContainer().withName("init").withImage(IMAGE).endInitContainer()
                .addNewContainer().withName("dev").withImage(IMAGE).withNewSecurityContext().withPrivileged(privileged)
                .endSecurityContext().addNewEnv().withName("CODER_AGENT_TOKEN").withValue("not-a-token").endEnv()
                .endContainer()
                .addNewContainer().withName("sidecar").withImage(IMAGE).endContainer()
                .endSpec().build();
    }

    private static HasMetadata egress(String namespace, String name, String target, Map<String, String> pods, int port,
            String... protocols) {
        NetworkPolicyBuilder builder = new NetworkPolicyBuilder();
        var rule = builder.withNewMetadata().withName(name).withNamespace(namespace).endMetadata().withNewSpec()
                .withNewPodSelector().endPodSelector().withPolicyTypes("Egress").addNewEgress().addNewTo()
                .withNewNamespaceSelector().withMatchLabels(Map.of("kubernetes.io/metadata.name", target))
                .endNamespaceSelector().withNewPodSelector().withMatchLabels(pods).endPodSelector().endTo();
        for (String protocol : protocols) {
            rule = rule.addNewPort().withProtocol(protocol).withNewPort(port).endPort();
        }
        return rule.endEgress().endSpec().build();
    }
}
