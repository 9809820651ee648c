package io.ameide.coderguard.policyguard.decision;

import java.util.Optional;

import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.Rule;
import io.fabric8.kubernetes.api.model.Pod;

/** Every image of every container kind is pinned by a valid digest. */
final class ImageRules {

    private ImageRules() {
    }

    static void judge(Policy policy, NamespaceSnapshot namespace, Findings findings) {
        if (!policy.requireImageDigest()) {
            return;
        }
        for (Pod pod : namespace.pods()) {
            for (PodContainer container : PodContainer.of(pod)) {
                Optional<String> problem = ImageReference.parse(container.image()).unpinnedBecause();
                problem.ifPresent(why -> findings.add(Rule.IMAGE_DIGEST, ObjectRef.of(pod), container.label(),
                        "Image " + container.image() + " of " + container.label() + " is not pinned: " + why + "."));
            }
        }
    }
}
