package io.ameide.coderguard.common.coder;

/**
 * Every Coder API operation that the client calls, with the method and path as Coder's API description names them. The
 * contract test checks each against that description; metrics use {@link #tag()} as a bounded label value.
 */
public enum CoderEndpoint {

    LIST_WORKSPACES("GET", "/api/v2/workspaces", "list_workspaces"),
    GET_WORKSPACE("GET", "/api/v2/workspaces/{workspace}", "get_workspace"),
    CREATE_WORKSPACE_BUILD("POST", "/api/v2/workspaces/{workspace}/builds", "create_workspace_build"),
    GET_WORKSPACE_BUILD("GET", "/api/v2/workspacebuilds/{workspacebuild}", "get_workspace_build"),
    BUILD_INFO("GET", "/api/v2/buildinfo", "build_info");

    private final String method;
    private final String pathTemplate;
    private final String tag;

    CoderEndpoint(String method, String pathTemplate, String tag) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.tag = tag;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    /** A short, fixed name for logs and metric labels. */
    public String tag() {
        return tag;
    }

    /** GETs may be sent again after a timeout; a POST may already have taken effect and is sent again only when refused. */
    public boolean isIdempotent() {
        return "GET".equals(method);
    }

    @Override
    public String toString() {
        return method + " " + pathTemplate;
    }
}
