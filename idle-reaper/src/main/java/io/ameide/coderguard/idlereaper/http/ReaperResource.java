package io.ameide.coderguard.idlereaper.http;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.ameide.coderguard.common.http.ApiRoles;
import io.ameide.coderguard.common.http.Problem;
import io.ameide.coderguard.common.http.SecurityProblems;
import io.ameide.coderguard.idlereaper.reaper.Reaper;
import io.ameide.coderguard.idlereaper.reaper.UpcomingStop;

/**
 * Read-only views of the reaper: why it stopped what it stopped, and what it will stop next if nobody uses it. Open to
 * a bearer token with the viewer or the admin role; {@link SecurityProblems} answers everyone else.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.VIEWER, ApiRoles.ADMIN})
public class ReaperResource {

    private static final int DEFAULT_LIMIT = 100;

    private final Reaper reaper;

    ReaperResource(Reaper reaper) {
        this.reaper = reaper;
    }

    /** The newest stop records, each with its decision, reasons and outcome. */
    @GET
    @Path("/decisions")
    public Response decisions(@QueryParam("limit") String limit) {
        int count;
        try {
            count = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            return Problem.badRequest("limit", "limit must be a whole number from 1 to 10000");
        }
        if (count < 1 || count > 10_000) {
            return Problem.badRequest("limit", "limit must be a whole number from 1 to 10000");
        }
        return Response.ok(reaper.stopRecords(count)).build();
    }

    /** Running workspaces that reach the idle timeout unless used first, soonest first. */
    @GET
    @Path("/upcoming-stops")
    public List<UpcomingStop> upcomingStops() {
        return reaper.upcomingStops();
    }
}
