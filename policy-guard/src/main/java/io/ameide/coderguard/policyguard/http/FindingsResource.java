package io.ameide.coderguard.policyguard.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.ameide.coderguard.common.http.ApiRoles;
import io.ameide.coderguard.common.http.Problem;
import io.ameide.coderguard.policyguard.decision.Finding;
import io.ameide.coderguard.policyguard.service.LatestFindings;

/** The findings of the last judgement, by workspace namespace. Viewer or admin role. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.VIEWER, ApiRoles.ADMIN})
public class FindingsResource {

    private final LatestFindings latest;

    FindingsResource(LatestFindings latest) {
        this.latest = latest;
    }

    /** Every judged workspace namespace with its count of findings. */
    @GET
    @Path("/namespaces")
    public List<Map<String, Object>> namespaces() {
        return latest.all().values().stream().map(judgement -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("namespace", judgement.namespace());
            row.put("judgedAt", judgement.judgedAt().toString());
            row.put("findings", judgement.findings().size());
            return row;
        }).toList();
    }

    /** One namespace's findings, most severe first as judged. */
    @GET
    @Path("/namespaces/{namespace}/findings")
    public Response findings(@PathParam("namespace") String namespace) {
        return latest.of(namespace)
                .map(judgement -> Response.ok(judgement.findings().stream().map(FindingsResource::json).toList()).build())
                .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND,
                        "No workspace namespace of this name has been judged", "namespace").build());
    }

    private static Map<String, Object> json(Finding finding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", finding.ruleId());
        json.put("severity", finding.severity().label());
        json.put("kind", finding.object().kind());
        json.put("namespace", finding.object().namespace());
        json.put("name", finding.object().name());
        json.put("subject", finding.subject());
        json.put("message", finding.message());
        json.put("remediation", finding.remediation());
        return json;
    }
}
