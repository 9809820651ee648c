package io.ameide.coderguard.policyguard.audit;

/** Input the audit mode cannot read; the message names the file and document. */
public class ManifestException extends Exception {

    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }
}
