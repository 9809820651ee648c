package io.ameide.coderguard.common.http;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem: what was wrong, in words, naming the parameter at fault. Never a class name or a stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response badRequest(String parameter, String detail) {
        return of(Response.Status.BAD_REQUEST, detail, parameter).build();
    }

    /** A response builder for the problem, so that a caller can add headers such as {@code WWW-Authenticate}. */
    public static Response.ResponseBuilder of(Response.Status status, String detail, String parameter) {
        Problem problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, parameter);
        return Response.status(status).type(MEDIA_TYPE).entity(problem);
    }
}
