package io.ameide.coderguard.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.common.coder.model.CoderError;
import io.ameide.coderguard.common.coder.model.CoderError.Validation;
import io.ameide.coderguard.common.coder.model.Transition;
import io.ameide.coderguard.sandbox.StandInState.BuildOrder;
import io.ameide.coderguard.sandbox.StandInState.BuildOutcome;
import io.ameide.coderguard.sandbox.StandInState.BuildView;
import io.ameide.coderguard.sandbox.StandInState.SearchPage;
import io.ameide.coderguard.sandbox.StandInState.WorkspaceView;

/** The answers of the endpoints the stand-in serves, each as Coder gives it, errors included. */
final class WorkspaceApi {

    static final String NOT_FOUND = "Resource not found or you do not have access to this resource";
    static final String BUILD_ACTIVE = "A workspace build is already active.";
    static final String ROUTE_NOT_FOUND = "Route not found.";

    private static final String WAS_DELETED = "\" was deleted, you can view this workspace by specifying"
            + " '?deleted=true' and trying again.";
    private static final String MUST_BE_BOOLEAN = "Must be a valid boolean";
    /** The spellings Go's {@code strconv.ParseBool} accepts. */
    private static final String GO_BOOLEAN = "1|t|true|0|f|false|T|TRUE|True|F|FALSE|False";
    private static final String GO_TRUE = "1|t|true|T|TRUE|True";

    private final StandInState state;
    private final ProvisionerSimulation provisioners;
    private final RequestLog log;
    private final Clock clock;
    private final StandInUser user;
    private final ObjectMapper mapper;
    private final BuildInfo buildInfo;

    WorkspaceApi(StandInState state, ProvisionerSimulation provisioners, RequestLog log, Clock clock,
            StandInUser user, ObjectMapper mapper, BuildInfo buildInfo) {
        this.state = state;
        this.provisioners = provisioners;
        this.log = log;
        this.clock = clock;
        this.user = user;
        this.mapper = mapper;
        this.buildInfo = buildInfo;
    }

    /** What {@code GET /api/v2/buildinfo} reports. */
    record BuildInfo(String version, String dashboardUrl, String deploymentId) {
    }

    Reply answer(ApiRequest request) {
        return switch (request.route().endpoint()) {
            case BUILD_INFO -> Reply.of(200, json -> CoderShapes.buildInfo(json, buildInfo));
            case LIST_WORKSPACES -> listWorkspaces(request);
            case GET_WORKSPACE -> getWorkspace(request);
            case CREATE_WORKSPACE_BUILD -> createBuild(request);
            case GET_WORKSPACE_BUILD -> getBuild(request);
            default -> Reply.error(404, ROUTE_NOT_FOUND, null);
        };
    }

    /** Pagination is checked before the search, as Coder does. */
    private Reply listWorkspaces(ApiRequest request) {
        Paging paging = Paging.parse(request);
        if (!paging.problems().isEmpty()) {
            return Reply.error(400, new CoderError(Paging.INVALID, null, paging.problems()));
        }
        WorkspaceSearch.Result search = WorkspaceSearch.parse(request.param("q"), user);
        if (!search.problems().isEmpty()) {
            return Reply.error(400, new CoderError(WorkspaceSearch.INVALID, null, search.problems()));
        }
        SearchPage page = state.search(search.filter(), paging.limit(), paging.offset(), clock.instant());
        return Reply.of(200, json -> CoderShapes.workspacesPage(json, page));
    }

    /** A deleted workspace answers 410 unless {@code include_deleted=true}, as in Coder. */
    private Reply getWorkspace(ApiRequest request) {
        String id = request.route().pathId();
        if (!Ids.isUuid(id)) {
            return invalidUuid(id);
        }
        Optional<WorkspaceView> found = state.workspace(Ids.normalize(id), clock.instant());
        if (found.isEmpty()) {
            return Reply.error(404, NOT_FOUND, null);
        }
        String includeDeleted = request.param("include_deleted");
        if (includeDeleted != null && !includeDeleted.matches(GO_BOOLEAN)) {
            String message = "Invalid boolean value \"" + includeDeleted + "\" for \"include_deleted\" query"
                    + " param.";
            List<Validation> problems = List.of(new Validation("deleted", MUST_BE_BOOLEAN));
            return Reply.error(400, new CoderError(message, null, problems));
        }
        WorkspaceRecord workspace = found.get().workspace();
        if (workspace.deleted() && (includeDeleted == null || !includeDeleted.matches(GO_TRUE))) {
            return Reply.error(410, "Workspace \"" + workspace.id() + WAS_DELETED, null);
        }
        return Reply.of(200, json -> CoderShapes.workspace(json, workspace, found.get().queue()));
    }

    /** The workspace is looked up before the body is read: an unknown workspace is 404 whatever the body says. */
    private Reply createBuild(ApiRequest request) {
        String id = request.route().pathId();
        if (!Ids.isUuid(id)) {
            return invalidUuid(id);
        }
        String workspaceId = Ids.normalize(id);
        if (state.workspace(workspaceId, clock.instant()).isEmpty()) {
            return Reply.error(404, NOT_FOUND, null);
        }
        BuildRequestBody body = BuildRequestBody.parse(request.body(), mapper);
        if (body.problem() != null) {
            return body.problem();
        }
        BuildOrder order = new BuildOrder(workspaceId, body.transition(), body.reason(), user, clock.instant());
        return queued(state.createBuild(order), body.transition());
    }

    private Reply queued(BuildOutcome outcome, Transition transition) {
        if (outcome.refusal() != null) {
            return refusal(outcome.refusal(), transition);
        }
        BuildView view = outcome.created();
        if (transition == Transition.STOP) {
            BuildRecord build = view.build();
            log.recordStop(new StopBuild(build.workspaceId(), build.id(), build.buildNumber(), build.createdAt()));
        }
        provisioners.wake();
        // 201 means queued, not done: the job is pending until a provisioner takes it.
        return Reply.of(201, json -> CoderShapes.build(json, view));
    }

    private static Reply refusal(BuildOutcome.Refusal refusal, Transition transition) {
        return switch (refusal) {
            case NOT_FOUND -> Reply.error(404, NOT_FOUND, null);
            case ACTIVE -> Reply.error(409, BUILD_ACTIVE, BUILD_ACTIVE);
            case DELETED -> Reply.error(409, "Cannot " + transition.name().toLowerCase(Locale.ROOT)
                    + " a deleted workspace!", null);
        };
    }

    private Reply getBuild(ApiRequest request) {
        String id = request.route().pathId();
        if (!Ids.isUuid(id)) {
            return invalidUuid(id);
        }
        return state.build(Ids.normalize(id), clock.instant())
                .map(view -> Reply.of(200, json -> CoderShapes.build(json, view)))
                .orElseGet(() -> Reply.error(404, NOT_FOUND, null));
    }

    /** Coder parses a path id before looking it up, and answers 400 to anything that is not a UUID. */
    private static Reply invalidUuid(String id) {
        return Reply.error(400, "Invalid UUID \"" + id + "\".", "the path holds no UUID");
    }
}
