package io.ameide.coderguard.sandbox;

import java.util.ArrayList;
import java.util.List;

import io.ameide.coderguard.common.coder.CoderEndpoint;

/**
 * Where a request goes: the endpoint it names, if the stand-in serves it, and the id in its path.
 *
 * @param endpoint the matched endpoint, or null when the path or the method is not served
 * @param pathId the last placeholder's value in the path (a workspace, build, template or version id), or null
 * @param pathParams every placeholder's value in the path, in order
 * @param allowed the methods the path takes, empty when no served path matches
 * @param key the method and path template, for request counts; ids never appear in it
 */
record Route(CoderEndpoint endpoint, String pathId, List<String> pathParams, List<String> allowed, String key) {

    /** Every endpoint the stand-in answers; the client's other endpoints, if any, get 404 like an unknown path. */
    static final List<CoderEndpoint> SERVED = List.of(CoderEndpoint.BUILD_INFO, CoderEndpoint.LIST_WORKSPACES,
            CoderEndpoint.GET_WORKSPACE, CoderEndpoint.CREATE_WORKSPACE_BUILD, CoderEndpoint.GET_WORKSPACE_BUILD,
            CoderEndpoint.GET_TEMPLATE_BY_NAME, CoderEndpoint.GET_TEMPLATE, CoderEndpoint.CREATE_TEMPLATE,
            CoderEndpoint.UPDATE_TEMPLATE, CoderEndpoint.UPLOAD_FILE, CoderEndpoint.CREATE_TEMPLATE_VERSION,
            CoderEndpoint.GET_TEMPLATE_VERSION, CoderEndpoint.UPDATE_TEMPLATE_VERSION,
            CoderEndpoint.FOLLOW_TEMPLATE_VERSION_LOGS, CoderEndpoint.LIST_TEMPLATE_VERSIONS,
            CoderEndpoint.PROMOTE_TEMPLATE_VERSION);

    private static final String NO_ROUTE = "(no route)";

    static Route of(String method, String path) {
        List<String> allowed = new ArrayList<>();
        String template = null;
        for (CoderEndpoint endpoint : SERVED) {
            PathMatch match = PathMatch.of(endpoint.pathTemplate(), path);
            if (match == null) {
                continue;
            }
            if (endpoint.method().equals(method)) {
                return new Route(endpoint, match.id(), match.params(), List.of(endpoint.method()), endpoint.toString());
            }
            allowed.add(endpoint.method());
            template = endpoint.pathTemplate();
        }
        return new Route(null, null, List.of(), List.copyOf(allowed), method + " "
                + (template == null ? NO_ROUTE : template));
    }

    boolean needsToken() {
        // Like Coder, build info answers without a session: clients call it to check reachability and version.
        return endpoint != CoderEndpoint.BUILD_INFO;
    }

    /** A path that matched a template, with the values of its placeholders; {@code id} is the last one. */
    private record PathMatch(String id, List<String> params) {

        static PathMatch of(String template, String path) {
            String[] expected = template.split("/");
            String[] actual = path.split("/", -1);
            if (expected.length != actual.length) {
                return null;
            }
            String id = null;
            List<String> params = new ArrayList<>();
            for (int i = 0; i < expected.length; i++) {
                if (expected[i].startsWith("{") && !actual[i].isEmpty()) {
                    id = actual[i];
                    params.add(actual[i]);
                } else if (!expected[i].equals(actual[i])) {
                    return null;
                }
            }
            return new PathMatch(id, List.copyOf(params));
        }
    }
}
