package io.ameide.coderguard.policyguard.http;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.policyguard.service.KubernetesProfile;
import io.ameide.coderguard.policyguard.service.LatestFindings;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.test.security.TestSecurity;

/** The read API: a namespace's findings for viewers and admins, a problem for everyone else. */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithKubernetesTestServer(crud = true)
class FindingsResourceTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    LatestFindings latest;

    @Test
    @TestSecurity(user = "sre", roles = "guardrails-viewer")
    void listsANamespacesFindingsToAViewer() {
        judged("ws-t-api");

        given().get("/api/namespaces/ws-t-api/findings")
                .then()
                .statusCode(200)
                .body("rule", contains("network.default-deny", "network.default-deny", "quota.limit-range-missing",
                        "quota.resource-quota-missing"))
                .body("[0].severity", equalTo("high"))
                .body("[0].remediation", equalTo("Add a NetworkPolicy with podSelector: {} that lists the direction in"
                        + " policyTypes."));
    }

    @Test
    @TestSecurity(user = "sre", roles = "guardrails-viewer")
    void answersAnUnknownNamespaceWithAProblem() {
        given().get("/api/namespaces/ws-nobody/findings")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("parameter", equalTo("namespace"));
    }

    @Test
    @TestSecurity(user = "developer", roles = "some-other-role")
    void refusesACallerWithoutAGuardrailsRole() {
        given().get("/api/namespaces").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void refusesACallerWithoutAToken() {
        given().get("/api/namespaces").then().statusCode(401);
    }

    private void judged(String namespace) {
        if (latest.of(namespace).isEmpty()) {
            server.getClient().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .withLabels(Map.of("coder.example.internal/workspace", "true")).endMetadata().build()).create();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> latest.of(namespace).isPresent());
    }
}
