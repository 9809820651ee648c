package io.ameide.coderguard.common.webhook;

/** A webhook body that is not a Coder notification; {@link #field()} names what was wrong, for a problem response. */
public class InvalidNotificationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidNotificationException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** The JSON path of the offending field, e.g. {@code payload.targets[1]}, or {@code body} for the whole. */
    public String field() {
        return field;
    }
}
