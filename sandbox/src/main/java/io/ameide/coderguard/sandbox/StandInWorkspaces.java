package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.common.coder.model.Workspace;

/**
 * The stand-in's workspaces, for tests and demos: add them, seed them from Coder JSON, read them back, and move
 * their {@code last_used_at} as use would. Thread-safe.
 */
public final class StandInWorkspaces {

    private final StandInState state;
    private final ProvisionerSimulation provisioners;
    private final Clock clock;
    private final ObjectMapper mapper;

    StandInWorkspaces(StandInState state, ProvisionerSimulation provisioners, Clock clock, ObjectMapper mapper) {
        this.state = state;
        this.provisioners = provisioners;
        this.clock = clock;
        this.mapper = mapper;
    }

    /**
     * Adds a workspace and returns its id. A workspace whose latest job is running completes it after the job
     * duration; one whose job is pending joins the provisioner queue.
     *
     * @throws IllegalArgumentException when a workspace with the same id exists
     */
    public String add(WorkspaceSpec spec) {
        WorkspaceRecord stored = state.add(WorkspaceFactory.create(spec, clock.instant()));
        provisioners.admit(stored.latestBuild());
        return stored.id();
    }

    /** Adds the workspaces in order and returns their ids in the same order. */
    public List<String> addAll(Collection<WorkspaceSpec> specs) {
        List<String> ids = new ArrayList<>(specs.size());
        specs.forEach(spec -> ids.add(add(spec)));
        return ids;
    }

    /**
     * Adds the workspaces of a JSON document in Coder's shape: a {@code GET /api/v2/workspaces} body
     * ({@code {"workspaces":[…],"count":N}}) or a bare array of workspaces. Missing fields get defaults. A
     * workspace may carry {@code "x_sandbox":{"active":true}}, never sent back, to join the activity
     * simulation.
     *
     * @return the ids of the added workspaces, in document order
     * @throws IllegalArgumentException naming the first field that cannot be read
     */
    public List<String> seed(String json) {
        try {
            return seed(mapper.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("the seed is not JSON: " + e.getMessage(), e);
        }
    }

    /** Like {@link #seed(String)}, from a file. */
    public List<String> seed(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return seed(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed " + file, e);
        }
    }

    /** Like {@link #seed(String)}, from a stream, which is read but not closed. */
    public List<String> seed(InputStream in) throws IOException {
        return seed(mapper.readTree(in));
    }

    /** The workspace as a client reads it from {@code GET /api/v2/workspaces/{id}}, deleted ones included. */
    public Optional<Workspace> get(String workspaceId) {
        return state.workspace(key(workspaceId), clock.instant()).map(view -> read(json -> {
            CoderShapes.workspace(json, view.workspace(), view.queue());
        }));
    }

    /** Every workspace that is not deleted, in Coder's list order. */
    public List<Workspace> list() {
        StandInState.SearchPage page = state.search(workspace -> true, 0, 0, clock.instant());
        List<Workspace> workspaces = new ArrayList<>(page.count());
        for (WorkspaceRecord workspace : page.workspaces()) {
            workspaces.add(read(json -> CoderShapes.workspace(json, workspace, page.queue())));
        }
        return workspaces;
    }

    public int size() {
        return state.size();
    }

    /**
     * Moves {@code last_used_at} to {@code usedAt}, as an SSH session, an app or a CLI heartbeat would; an
     * earlier time is ignored, because Coder only ever moves it forward.
     *
     * @throws IllegalArgumentException for an unknown workspace
     */
    public void touch(String workspaceId, Instant usedAt) {
        state.touch(key(workspaceId), usedAt);
    }

    /** Starts or stops the activity simulation for a workspace; see {@link WorkspaceSpec#active(boolean)}. */
    public void active(String workspaceId, boolean active) {
        state.active(key(workspaceId), active);
    }

    /** Ids are kept lower-case, as Coder writes them; a caller may hold an upper-case copy. */
    static String key(String workspaceId) {
        return Ids.isUuid(workspaceId) ? Ids.normalize(workspaceId) : workspaceId;
    }

    private List<String> seed(JsonNode root) {
        return addAll(SeedReader.read(root));
    }

    private Workspace read(Reply.JsonBody body) {
        try {
            JsonFactory factory = mapper.getFactory();
            return mapper.readValue(Reply.of(200, body).render(factory), Workspace.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render a workspace", e);
        }
    }
}
