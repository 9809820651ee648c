package io.ameide.coderguard.common.coder;

import io.ameide.coderguard.common.coder.model.CoderError;

/**
 * Coder refused to promote a version because its import job has not succeeded (it is pending, running, failed or
 * canceled). Coder says so with a 403, which is not a permission problem: the same token may promote the version once
 * its import succeeds.
 */
public final class VersionNotPromotableException extends CoderApiException {

    private static final long serialVersionUID = 1L;

    VersionNotPromotableException(CoderError error) {
        super(CoderEndpoint.PROMOTE_TEMPLATE_VERSION, 403, error, null);
    }
}
