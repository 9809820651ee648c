package io.ameide.coderguard.common.http;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers a request for a path where nothing is, or with a method the endpoint does not take, as an RFC 9457 problem
 * instead of Quarkus' HTML page or an empty body, so that every refusal a caller sees has the same shape.
 */
public class RequestProblems {

    @ServerExceptionMapper
    public Response nothingHere(NotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, "there is nothing at this path", null).build();
    }

    @ServerExceptionMapper
    public Response wrongMethod(NotAllowedException e) {
        String allowed = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return Problem.of(Response.Status.METHOD_NOT_ALLOWED,
                allowed == null ? "this path does not take that method" : "this path takes " + allowed, null)
                .header(HttpHeaders.ALLOW, allowed)
                .build();
    }
}
