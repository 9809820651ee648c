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
    BUILD_INFO("GET", "/api/v2/buildinfo", "build_info"),
    GET_TEMPLATE_BY_NAME("GET", "/api/v2/organizations/{organization}/templates/{templatename}", "get_template_by_name"),
    GET_TEMPLATE("GET", "/api/v2/templates/{template}", "get_template"),
    CREATE_TEMPLATE("POST", "/api/v2/organizations/{organization}/templates", "create_template"),
    UPDATE_TEMPLATE("PATCH", "/api/v2/templates/{template}", "update_template"),
    UPLOAD_FILE("POST", "/api/v2/files", "upload_file"),
    CREATE_TEMPLATE_VERSION("POST", "/api/v2/organizations/{organization}/templateversions", "create_template_version"),
    GET_TEMPLATE_VERSION("GET", "/api/v2/templateversions/{templateversion}", "get_template_version"),
    UPDATE_TEMPLATE_VERSION("PATCH", "/api/v2/templateversions/{templateversion}", "update_template_version"),
    FOLLOW_TEMPLATE_VERSION_LOGS("GET", "/api/v2/templateversions/{templateversion}/logs",
            "follow_template_version_logs"),
    LIST_TEMPLATE_VERSIONS("GET", "/api/v2/templates/{template}/versions", "list_template_versions"),
    PROMOTE_TEMPLATE_VERSION("PATCH", "/api/v2/templates/{template}/versions", "promote_template_version");

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

    /**
     * Whether a call may be sent again after a timeout. GETs may; so may the PATCHes, which set a value (a setting, a
     * name, the active version) that a second identical call leaves as it is; and the file upload, which Coder
     * deduplicates by the bytes' sha256. Any other POST may already have taken effect and is sent again only when
     * refused.
     */
    public boolean isIdempotent() {
        return "GET".equals(method) || "PATCH".equals(method) || this == UPLOAD_FILE;
    }

    @Override
    public String toString() {
        return method + " " + pathTemplate;
    }
}
