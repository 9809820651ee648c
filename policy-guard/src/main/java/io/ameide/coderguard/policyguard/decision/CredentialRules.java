package io.ameide.coderguard.policyguard.decision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.ameide.coderguard.policyguard.policy.Labels;
import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.Rule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * No workspace pod reaches a queue credential or a Secret of another environment, by any route. Judged from Secret
 * metadata and the pod spec alone: labels, owners and the key names the pod asks for, never a Secret's data.
 */
final class CredentialRules {

    /** Strimzi's User Operator labels a KafkaUser's Secret with the kind of its owner, and owns it. */
    private static final String STRIMZI_KIND = "strimzi.io/kind";
    private static final String KAFKA_USER = "KafkaUser";

    private CredentialRules() {
    }

    static void judge(Policy policy, NamespaceSnapshot namespace, Findings findings) {
        for (Pod pod : namespace.pods()) {
            Map<String, List<SecretRoute>> bySecret = SecretRoute.of(pod)
                    .stream()
                    .filter(route -> route.secret() != null)
                    .collect(Collectors.groupingBy(SecretRoute::secret, LinkedHashMap::new, Collectors.toList()));
            bySecret.forEach((name, routes) -> judgeSecret(policy, namespace, pod, name, routes, findings));
        }
    }

    private static void judgeSecret(Policy policy, NamespaceSnapshot namespace, Pod pod, String name,
            List<SecretRoute> routes, Findings findings) {
        Optional<Secret> secret = namespace.secret(name);
        String via = routes.stream().map(SecretRoute::via).distinct().collect(Collectors.joining("; "));
        if (policy.queueCredentialRuleInForce()) {
            queueCredentialBecause(policy, secret, routes).ifPresent(why -> findings.add(Rule.CREDENTIALS_QUEUE_SECRET,
                    ObjectRef.of(pod), "secret " + name,
                    "Secret " + name + " (" + why + ") reaches the pod via " + via + "."));
        }
        if (policy.forbidOtherEnvironment()) {
            String own = namespace.labels().get(policy.environmentLabel());
            String theirs = secret.map(found -> label(found, policy.environmentLabel())).orElse(null);
            // A namespace without the label is of no known environment: a Secret labelled for one is not its own.
            if (theirs != null && !theirs.equals(own)) {
                findings.add(Rule.CREDENTIALS_OTHER_ENVIRONMENT, ObjectRef.of(pod), "secret " + name,
                        "Secret " + name + " (" + policy.environmentLabel() + "=" + theirs + ") reaches the pod via "
                                + via + " in a namespace " + (own == null
                                        ? "without the label " + policy.environmentLabel()
                                        : "of " + policy.environmentLabel() + "=" + own)
                                + ".");
            }
        }
    }

    private static Optional<String> queueCredentialBecause(Policy policy, Optional<Secret> secret,
            List<SecretRoute> routes) {
        if (secret.isPresent()) {
            Map<String, String> labels = secret.get().getMetadata().getLabels();
            if (!policy.queueCredentialLabels().isEmpty() && Labels.containsAll(labels, policy.queueCredentialLabels())) {
                return Optional.of(Labels.format(policy.queueCredentialLabels()));
            }
            if (KAFKA_USER.equals(label(secret.get(), STRIMZI_KIND)) || ownedByKafkaUser(secret.get())) {
                return Optional.of("a Strimzi KafkaUser's credentials");
            }
        }
        return routes.stream()
                .flatMap(route -> route.keys().stream())
                .filter(key -> key.toLowerCase(Locale.ROOT).contains("sasl"))
                .findFirst()
                .map(key -> "SASL key " + key);
    }

    private static boolean ownedByKafkaUser(Secret secret) {
        return PodContainer.nonNull(secret.getMetadata().getOwnerReferences())
                .stream()
                .anyMatch(owner -> KAFKA_USER.equals(owner.getKind()));
    }

    private static String label(HasMetadata object, String key) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
