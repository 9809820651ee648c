package io.ameide.coderguard.templatesync.http;

import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.ameide.coderguard.common.http.ApiRoles;
import io.ameide.coderguard.common.http.Problem;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplate;
import io.ameide.coderguard.templatesync.kubernetes.TemplateCluster;

/**
 * Read-only views of template-sync: every CoderTemplate with its status (conditions, active and release versions,
 * drift, promotion history). Open to a bearer token with the viewer or the admin role; {@code SecurityProblems}
 * answers everyone else. It changes nothing: the release is changed in Git.
 */
@Path("/api/templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.VIEWER, ApiRoles.ADMIN})
public class TemplateResource {

    private final TemplateCluster cluster;

    TemplateResource(TemplateCluster cluster) {
        this.cluster = cluster;
    }

    /** Every CoderTemplate this replica watches, by namespace and name. */
    @GET
    public List<TemplateView> templates() {
        return TemplateView.of(cluster.templates().stream()
                .sorted(Comparator.comparing((CoderTemplate t) -> t.getMetadata().getNamespace())
                        .thenComparing(t -> t.getMetadata().getName()))
                .toList());
    }

    /** One CoderTemplate, or a 404 problem naming it. */
    @GET
    @Path("/{namespace}/{name}")
    public Response template(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return cluster.templates().stream()
                .filter(t -> t.getMetadata().getNamespace().equals(namespace) && t.getMetadata().getName().equals(name))
                .findFirst()
                .map(t -> Response.ok(TemplateView.of(t)).build())
                .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND,
                        "no CoderTemplate " + namespace + "/" + name + " is watched", "name").build());
    }
}
