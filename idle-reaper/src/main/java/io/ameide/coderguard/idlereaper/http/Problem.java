package io.ameide.coderguard.idlereaper.http;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem: what was wrong, in words, naming the parameter at fault. Never a class name or a stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response badRequest(String parameter, String detail) {
        Problem problem = new Problem("about:blank", "Bad Request", 400, detail, parameter);
        return Response.status(400).type(MEDIA_TYPE).entity(problem).build();
    }
}
