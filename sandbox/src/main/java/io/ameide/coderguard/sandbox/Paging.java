package io.ameide.coderguard.sandbox;

import java.util.ArrayList;
import java.util.List;

import io.ameide.coderguard.common.coder.model.CoderError.Validation;

/**
 * Coder's pagination parameters ({@code httpapi.ParsePagination}): {@code limit} and {@code offset} are
 * non-negative 32-bit integers, {@code limit} 0 or absent means no limit, and {@code after_id} must be a UUID
 * if given (the workspace list accepts it and ignores it).
 */
record Paging(int limit, int offset, List<Validation> problems) {

    static final String INVALID = "Query parameters have invalid values.";

    static Paging parse(ApiRequest request) {
        List<Validation> problems = new ArrayList<>();
        int limit = nonNegative(request.param("limit"), "limit", problems);
        int offset = nonNegative(request.param("offset"), "offset", problems);
        String afterId = request.param("after_id");
        if (afterId != null && !afterId.isEmpty() && !Ids.isUuid(afterId)) {
            problems.add(new Validation("after_id", "Query param \"after_id\" must be a valid UUID."));
        }
        return new Paging(limit, offset, List.copyOf(problems));
    }

    private static int nonNegative(String text, String name, List<Validation> problems) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below, like a negative number.
        }
        problems.add(new Validation(name, "Query param \"" + name + "\" must be a non-negative 32-bit integer."));
        return 0;
    }
}
