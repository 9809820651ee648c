package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActivitySimulationTest {

    private static final Instant START = Instant.parse("2026-12-04T14:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final CoderStandIn standIn = CoderStandIn.start(StandInOptions.defaults()
            .withClock(clock)
            .withActivityInterval(Duration.ofMillis(50)));

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void bumpsLastUsedAtOfActiveRunningWorkspacesOnly() {
        Instant longAgo = START.minus(Duration.ofHours(3));
        String busy = standIn.workspaces().add(WorkspaceSpec.idle("alice", "busy", longAgo).active(true));
        String stopped = standIn.workspaces().add(WorkspaceSpec.stopped("alice",
                "off").lastUsedAt(longAgo).active(true));
        String idle = standIn.workspaces().add(WorkspaceSpec.idle("alice", "idle", longAgo));

        clock.advance(Duration.ofMinutes(10));

        Instant now = clock.instant();
        await().until(() -> standIn.workspaces().get(busy).orElseThrow().lastUsedAt(), now::equals);
        assertThat(standIn.workspaces().get(stopped).orElseThrow().lastUsedAt()).isEqualTo(longAgo);
        assertThat(standIn.workspaces().get(idle).orElseThrow().lastUsedAt()).isEqualTo(longAgo);
    }

    @Test
    void movesLastUsedAtForwardOnlyWhenTouched() {
        String id = standIn.workspaces().add(WorkspaceSpec.idle("alice", "dev", START));

        standIn.workspaces().touch(id, START.plusSeconds(60));
        standIn.workspaces().touch(id, START.minusSeconds(60));

        assertThat(standIn.workspaces().get(id).orElseThrow().lastUsedAt()).isEqualTo(START.plusSeconds(60));
    }
}
