package io.ameide.coderguard.policyguard.policy;

/** A policy document that cannot be used; the message names the field and what was expected of it. */
public class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }
}
