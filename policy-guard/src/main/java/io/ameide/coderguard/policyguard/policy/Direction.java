package io.ameide.coderguard.policyguard.policy;

/** A direction of traffic, named as NetworkPolicy's {@code policyTypes} names it. */
public enum Direction {

    INGRESS("Ingress"),
    EGRESS("Egress");

    private final String policyType;

    Direction(String policyType) {
        this.policyType = policyType;
    }

    /** The name in {@code policyTypes}: {@code Ingress} or {@code Egress}. */
    public String policyType() {
        return policyType;
    }

    /** The direction a {@code policyTypes} entry names, or null for anything else. */
    public static Direction ofPolicyType(String name) {
        for (Direction direction : values()) {
            if (direction.policyType.equals(name)) {
                return direction;
            }
        }
        return null;
    }
}
