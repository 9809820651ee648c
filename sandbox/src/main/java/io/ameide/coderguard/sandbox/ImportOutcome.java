package io.ameide.coderguard.sandbox;

/**
 * How the import job of a template version created through the API ends, as a test chooses it.
 *
 * @param error the error a failed import reports, as Coder reports Terraform's; null otherwise
 */
public record ImportOutcome(Kind kind, String error) {

    public enum Kind {
        /** The import runs for the import duration and succeeds. */
        SUCCEED,
        /** The import runs for the import duration and fails with the error. */
        FAIL,
        /**
         * The job stays pending for good with {@code matched_provisioners.count} 0, as a job does whose tags no
         * provisioner has (e.g. {@code pool=gpu} without a GPU provisioner).
         */
        STAY_PENDING
    }

    public static final ImportOutcome SUCCEED = new ImportOutcome(Kind.SUCCEED, null);
    public static final ImportOutcome STAY_PENDING = new ImportOutcome(Kind.STAY_PENDING, null);

    public ImportOutcome {
        if (kind == Kind.FAIL && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a failed import must say why");
        }
    }

    public static ImportOutcome fail(String error) {
        return new ImportOutcome(Kind.FAIL, error);
    }
}
