package io.ameide.coderguard.policyguard.service;

import java.util.Map;

import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.WorkspaceSpec;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Coder stand-in (a local stand-in for Coder's API, not Coder) on 127.0.0.1, holding one running and one stopped
 * workspace, with the service pointed at it and at a policy of the orphan rules alone.
 */
public class CoderStandInResource implements QuarkusTestResourceLifecycleManager {

    static final String RUNNING = "11111111-2222-4333-8444-555555555555";
    static final String STOPPED = "66666666-7777-4888-9999-000000000000";

    private CoderStandIn coder;

    @Override
    public Map<String, String> start() {
        coder = CoderStandIn.start();
        coder.workspaces().add(WorkspaceSpec.running("alice", "devbox").id(RUNNING));
        coder.workspaces().add(WorkspaceSpec.stopped("bob", "old").id(STOPPED));
        return Map.of("policy-guard.kubernetes.enabled", "true", "policy-guard.policy-file",
                "target/test-classes/policies/orphans.yaml", "policy-guard.debounce", "50ms",
                "policy-guard.resync-interval", "1h", "policy-guard.coder.url", coder.baseUrl().toString(),
                "policy-guard.coder.token", coder.token());
    }

    @Override
    public void stop() {
        if (coder != null) {
            coder.close();
        }
    }
}
