package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class ProvisionerQueueTest {

    private final CoderStandIn standIn = CoderStandIn.start(
            StandInOptions.defaults().withJobDuration(Duration.ofSeconds(2)));
    private final StandInClient client = new StandInClient(standIn);

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void runsAtMostThreeJobsAtOnceAndQueuesTheRestInOrder() {
        List<String> ids = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> standIn.workspaces().add(WorkspaceSpec.running("alice", "ws-" + i)))
                .toList();
        standIn.provisioners(0);
        ids.forEach(client::stop);

        standIn.provisioners(3);

        List<String> threeRunningTwoWaiting = List.of("stopping", "stopping", "stopping", "pending", "pending");
        await().until(() -> statuses(ids), threeRunningTwoWaiting::equals);
        JsonNode fourth = latestBuild(ids.get(3));
        JsonNode fifth = latestBuild(ids.get(4));
        assertThat(fourth.path("job").path("queue_position").asInt()).isEqualTo(1);
        assertThat(fifth.path("job").path("queue_position").asInt()).isEqualTo(2);
        assertThat(fifth.path("job").path("queue_size").asInt()).isEqualTo(2);
        assertThat(fifth.path("matched_provisioners").path("available").asInt()).isZero();
        List<String> allStopped = List.of("stopped", "stopped", "stopped", "stopped", "stopped");
        await().atMost(Duration.ofSeconds(15)).until(() -> statuses(ids), allStopped::equals);
    }

    @Test
    void leavesJobsPendingWhenNoProvisionerMatches() {
        standIn.provisioners(0);
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));

        JsonNode build = client.stop(id).json();

        assertThat(build.path("matched_provisioners").path("count").asInt()).isZero();
        assertThat(build.path("matched_provisioners").path("most_recently_seen").isNull()).isTrue();
        assertThat(latestBuild(id).path("job").path("status").asText()).isEqualTo("pending");
    }

    @Test
    void completesASeededQueuedStartWhenAProvisionerIsFree() {
        standIn.jobDuration(Duration.ZERO);

        String id = standIn.workspaces().add(WorkspaceSpec.queued("alice", "dev"));

        await().until(() -> latestBuild(id).path("status").asText(), "running"::equals);
    }

    private List<String> statuses(List<String> ids) {
        return ids.stream().map(id -> latestBuild(id).path("status").asText()).toList();
    }

    private JsonNode latestBuild(String id) {
        return client.get("/api/v2/workspaces/" + id).json().path("latest_build");
    }
}
