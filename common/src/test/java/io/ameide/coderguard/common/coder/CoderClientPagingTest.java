package io.ameide.coderguard.common.coder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ameide.coderguard.common.coder.contract.CoderSamples;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.Answer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.RecordedRequest;
import io.ameide.coderguard.common.coder.model.Workspace;

/**
 * {@link CoderClient#searchWorkspaces} over a list that Coder pages by offset and that may change between two
 * pages, as it does while workspaces are being stopped.
 */
class CoderClientPagingTest {

    private static final int PAGE_SIZE = 4;

    private final ScriptedCoderServer coder = ScriptedCoderServer.start();
    private final CoderClient client = TestClients.client(coder);
    private final LiveWorkspaceList live = new LiveWorkspaceList();

    @AfterEach
    void stopCoder() {
        coder.close();
    }

    @ParameterizedTest(name = "{0} stopped between the first and second page")
    @ValueSource(ints = {1, 2, 3})
    void yieldsEveryRemainingWorkspaceOnceWhenEarlierOnesLeaveBetweenPages(int stopped) {
        live.holds(named("ws-", 10));
        live.afterRequest(1, list -> list.subList(0, stopped).clear());

        List<String> found = names(client.searchWorkspaces(WorkspaceQuery.running(), PAGE_SIZE));

        assertThat(found).doesNotHaveDuplicates().containsAll(live.names());
    }

    @Test
    void yieldsEveryRemainingWorkspaceOnceWhenTheLastPageComesBackShort() {
        live.holds(named("ws-", 6));
        live.afterRequest(1, list -> list.subList(0, 2).clear());

        List<String> found = names(client.searchWorkspaces(WorkspaceQuery.running(), PAGE_SIZE));

        assertThat(found).doesNotHaveDuplicates().containsAll(live.names());
    }

    @Test
    void yieldsNoDuplicatesWhenTheListGrowsBetweenPages() {
        live.holds(named("ws-", 10));
        live.afterRequest(1, list -> list.addAll(0, named("new-", 3)));

        List<String> found = names(client.searchWorkspaces(WorkspaceQuery.running(), PAGE_SIZE));

        assertThat(found).doesNotHaveDuplicates().containsAll(names(named("ws-", 10)));
    }

    @Test
    void asksOnceForAnEmptyList() {
        live.holds(List.of());

        WorkspacePage all = client.searchWorkspaces(WorkspaceQuery.running(), PAGE_SIZE);

        assertThat(all.workspaces()).isEmpty();
        assertThat(all.count()).isZero();
        assertThat(coder.requests()).hasSize(1);
    }

    @Test
    void asksOnceForAListShorterThanAPage() {
        live.holds(named("ws-", PAGE_SIZE - 1));

        assertThat(names(client.searchWorkspaces(WorkspaceQuery.running(), PAGE_SIZE)))
                .containsExactlyElementsOf(live.names());
        assertThat(coder.requests()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} workspaces")
    @ValueSource(ints = {PAGE_SIZE, 2 * PAGE_SIZE, 3 * PAGE_SIZE})
    void readsAListThatIsAnExactMultipleOfThePageSizeAndStops(int size) {
        live.holds(named("ws-", size));

        assertThat(names(client.searchWorkspaces(WorkspaceQuery.running(), PAGE_SIZE)))
                .containsExactlyElementsOf(live.names());
        assertThat(coder.requests()).hasSizeLessThanOrEqualTo(size / (PAGE_SIZE - 1) + 1);
    }

    @Test
    void readsOneWorkspaceAtATimeWithAPageSizeOfOne() {
        live.holds(named("ws-", 3));

        WorkspacePage all = client.searchWorkspaces(WorkspaceQuery.running(), 1);

        assertThat(names(all)).containsExactlyElementsOf(live.names());
    }

    @Test
    void sendsTheSameSearchWithEveryPage() {
        live.holds(named("ws-", 10));

        client.searchWorkspaces(WorkspaceQuery.running().owner("alice"), PAGE_SIZE);

        assertThat(coder.requests()).hasSizeGreaterThan(1)
                .allSatisfy(request -> assertThat(request.queryParameters())
                        .containsEntry("q", "status:running owner:alice")
                        .containsEntry("limit", String.valueOf(PAGE_SIZE)));
    }

    private static List<ObjectNode> named(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> CoderSamples.workspace(String.format("%s%02d", prefix, i)))
                .toList();
    }

    private static List<String> names(WorkspacePage page) {
        return page.workspaces().stream().map(Workspace::name).toList();
    }

    private static List<String> names(List<ObjectNode> workspaces) {
        return workspaces.stream().map(w -> w.path("name").asText()).toList();
    }

    /**
     * Coder's workspace list as a mutable list, paged by the request's limit and offset; a change scheduled
     * after a request takes effect before the next one is answered.
     */
    private final class LiveWorkspaceList {

        private final List<ObjectNode> workspaces = new ArrayList<>();
        private final Map<Integer, Consumer<List<ObjectNode>>> changes = new HashMap<>();
        private int answered;

        void holds(List<ObjectNode> initial) {
            workspaces.addAll(initial);
            coder.respond("GET", "/api/v2/workspaces", this::page);
        }

        void afterRequest(int number, Consumer<List<ObjectNode>> change) {
            changes.put(number, change);
        }

        synchronized List<String> names() {
            return CoderClientPagingTest.names(workspaces);
        }

        private synchronized Answer page(RecordedRequest request) {
            int limit = Integer.parseInt(request.queryParameters().get("limit"));
            int offset = Integer.parseInt(request.queryParameters().get("offset"));
            List<ObjectNode> page = workspaces.subList(Math.min(offset, workspaces.size()),
                    Math.min(offset + limit, workspaces.size()));
            Answer answer = Answer.json(CoderSamples.workspacesResponse(workspaces.size(), page).toString());
            answered++;
            changes.getOrDefault(answered, list -> {
            }).accept(workspaces);
            return answer;
        }
    }
}
