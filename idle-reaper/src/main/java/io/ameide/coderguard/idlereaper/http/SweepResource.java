package io.ameide.coderguard.idlereaper.http;

import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.ameide.coderguard.common.coder.CoderApiException;
import io.ameide.coderguard.common.http.ApiRoles;
import io.ameide.coderguard.common.http.Problem;
import io.ameide.coderguard.idlereaper.decision.Verdict;
import io.ameide.coderguard.idlereaper.reaper.Reaper;
import io.ameide.coderguard.idlereaper.reaper.SweepResult;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Starts a sweep now instead of at the next interval, e.g. right after changing an exemption in Coder. It stops idle
 * workspaces exactly as a scheduled sweep does, so it needs the admin role.
 */
@Path("/api/sweeps")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiRoles.ADMIN)
public class SweepResource {

    private static final Logger LOG = Logger.getLogger(SweepResource.class);

    private final Reaper reaper;
    private final SecurityIdentity caller;

    SweepResource(Reaper reaper, SecurityIdentity caller) {
        this.reaper = reaper;
        this.caller = caller;
    }

    /** What one sweep saw and decided, counted; {@code took} is an ISO-8601 duration. */
    public record Summary(int running, long stop, long keep, long skip, int unreadable,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Duration took) {

        static Summary of(SweepResult result) {
            return new Summary(result.decisions().size(), result.count(Verdict.STOP), result.count(Verdict.KEEP),
                    result.count(Verdict.SKIP), result.unreadable(), result.took());
        }
    }

    /** Sweeps at once; waits for a sweep already running to finish first. */
    @POST
    public Response sweep() {
        LOG.infof("Sweep requested through the API: by=%s", caller.getPrincipal().getName());
        try {
            return Response.ok(Summary.of(reaper.sweep())).build();
        } catch (CoderApiException e) {
            // The reaper has logged Coder's answer; the caller learns only that Coder is the problem.
            return Problem.of(Response.Status.BAD_GATEWAY, "Coder could not be read, so nothing was judged;"
                    + " the scheduled sweep tries again at its next interval", null).build();
        }
    }
}
