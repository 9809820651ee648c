package io.ameide.coderguard.policyguard.policy;

import java.time.Instant;

/**
 * Leave to break one rule on one object until a set time. {@code name} ends in {@code *} to match a name prefix (pods
 * carry generated suffixes); {@code kind} is the object's kind, e.g. {@code Pod}. The expiry is mandatory: an
 * exemption without an end is a rule switched off.
 */
public record Exemption(String rule, String namespace, String kind, String name, String reason, Instant expires) {

    /** Whether this exemption names the object, whatever its expiry. */
    public boolean names(String ruleId, String objectKind, String objectNamespace, String objectName) {
        return rule.equals(ruleId) && kind.equals(objectKind) && namespace.equals(objectNamespace)
                && nameMatches(objectName);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    private boolean nameMatches(String objectName) {
        if (name.endsWith("*")) {
            return objectName.startsWith(name.substring(0, name.length() - 1));
        }
        return name.equals(objectName);
    }
}
