package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Transition;
import io.ameide.coderguard.common.coder.model.Workspace;

class SeedingTest {

    private final CoderStandIn standIn = CoderStandIn.start();
    private final StandInClient client = new StandInClient(standIn);

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void seedsAWorkspacesPageInCodersShape() throws IOException {
        List<String> ids;
        try (InputStream page = getClass().getResourceAsStream("/seeds/prebuild-and-idle-page.json")) {
            ids = standIn.workspaces().seed(page);
        }

        Workspace prebuild = standIn.workspaces().get("3a4b5c6d-0000-4d00-8000-00000000e501").orElseThrow();
        assertThat(ids).containsExactly("3a4b5c6d-0000-4d00-8000-00000000e501",
                "3a4b5c6d-0000-4d00-8000-00000000e502");
        assertThat(prebuild.isPrebuild()).isTrue();
        assertThat(prebuild.ownerId()).isEqualTo("c42fdf75-3097-471c-8c33-fb52454d81c0");
        assertThat(prebuild.latestBuild().job().completedAt()).isEqualTo(Instant.parse("2025-07-10T11:59:40Z"));
        assertThat(prebuild.latestBuild().deadline()).isEqualTo(Instant.parse("2025-07-10T12:59:40Z"));
        assertThat(client.search("status:running", "").json().path("count").asInt()).isEqualTo(2);
    }

    @Test
    void fillsWhatABareArrayLeavesOut() {
        String id = standIn.workspaces()
                .seed("[{\"name\":\"ws-fjord\",\"last_used_at\":\"2024-11-05T09:05:00\","
                        + "\"latest_build\":{\"status\":\"running\"}}]")
                .get(0);

        Workspace workspace = standIn.workspaces().get(id).orElseThrow();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(workspace.ownerName()).isEqualTo("coder");
        assertThat(workspace.lastUsedAt()).isEqualTo(Instant.parse("2024-11-05T09:05:00Z"));
        assertThat(workspace.latestBuild().buildNumber()).isEqualTo(1);
        assertThat(workspace.latestBuild().job().completedAt()).isNotNull();
    }

    @Test
    void readsTheTransitionAndJobStatusFromABuildStatusAlone() {
        String seed = "[{\"name\":\"old\",\"latest_build\":{\"status\":\"stopped\"}}]";

        String id = standIn.workspaces().seed(seed).get(0);

        Workspace workspace = standIn.workspaces().get(id).orElseThrow();
        assertThat(workspace.latestBuild().transition()).isEqualTo(Transition.STOP);
        assertThat(workspace.latestBuild().job().status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void keepsSeedOnlyFlagsOutOfItsAnswers() {
        String id = standIn.workspaces()
                .seed("{\"workspaces\":[{\"name\":\"busy\",\"x_sandbox\":{\"active\":true}}],\"count\":1}")
                .get(0);

        String body = client.get("/api/v2/workspaces/" + id).response().body();

        assertThat(body).doesNotContain("x_sandbox").doesNotContain("active\":");
    }

    @Test
    void namesTheFieldItCannotRead() {
        assertThatThrownBy(() -> standIn.workspaces().seed("[{\"name\":\"a\"},{\"id\":\"not-a-uuid\"}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workspaces[1].id");
    }
}
