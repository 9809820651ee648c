package io.ameide.coderguard.idlereaper.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * A test-only endpoint under {@code /api} that, like a future one written in a hurry, carries no security annotation:
 * the path permissions in application.properties must protect it all the same.
 */
@Path("/api/test-only-unannotated")
public class UnannotatedResource {

    @GET
    public String read() {
        return "read";
    }

    @POST
    public String change() {
        return "changed";
    }
}
