package io.ameide.coderguard.common.coder.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /api/v2/workspaces/{workspace}/builds}: Coder's {@code codersdk.CreateWorkspaceBuildRequest},
 * of which the services send only the transition. Without a reason Coder records the build as {@code initiator}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateWorkspaceBuildRequest(Transition transition) {

    public static CreateWorkspaceBuildRequest stop() {
        return new CreateWorkspaceBuildRequest(Transition.STOP);
    }
}
