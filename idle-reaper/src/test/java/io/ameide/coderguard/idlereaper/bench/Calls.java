package io.ameide.coderguard.idlereaper.bench;

import java.util.Map;
import java.util.TreeMap;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.sandbox.CoderStandIn;

/** Requests the stand-in received, by method and path template, so that they count whatever the ids. */
record Calls(Map<String, Long> byRoute) {

    static Calls of(CoderStandIn coder) {
        return new Calls(coder.requestCounts());
    }

    Calls minus(Calls earlier) {
        Map<String, Long> difference = new TreeMap<>();
        byRoute.forEach((route, count) -> difference.put(route, count - earlier.byRoute.getOrDefault(route, 0L)));
        difference.values().removeIf(count -> count == 0);
        return new Calls(difference);
    }

    long of(CoderEndpoint endpoint) {
        return byRoute.getOrDefault(endpoint.toString(), 0L);
    }

    /** Requests to anything but the four endpoints that sweeps and stops use. */
    long others() {
        long known = of(CoderEndpoint.LIST_WORKSPACES) + of(CoderEndpoint.CREATE_WORKSPACE_BUILD)
                + of(CoderEndpoint.GET_WORKSPACE) + of(CoderEndpoint.GET_WORKSPACE_BUILD);
        return byRoute.values().stream().mapToLong(Long::longValue).sum() - known;
    }
}
