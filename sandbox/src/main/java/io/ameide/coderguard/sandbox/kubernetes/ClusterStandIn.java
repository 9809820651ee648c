package io.ameide.coderguard.sandbox.kubernetes;

import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A Kubernetes API for local runs: fabric8's mock API server in CRUD mode on 127.0.0.1, over plain HTTP. <b>Not a real
 * API server</b>: it stores what is created, answers gets, lists, label selectors, patches and watches as the API
 * server does, and has no controllers, so nothing creates pods or moves them on by itself; whoever stands in for Coder's
 * provisioner and the kubelet does that through {@link #client()} ({@link WorkspaceObjects}). It has no authentication
 * either, so a service pointed at it needs no token.
 */
public final class ClusterStandIn implements AutoCloseable {

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    private ClusterStandIn(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    /** Starts on a free port of 127.0.0.1. */
    public static ClusterStandIn start() {
        return start(0);
    }

    /** Starts on the given port of 127.0.0.1; 0 takes a free one. */
    public static ClusterStandIn start(int port) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        return new ClusterStandIn(server);
    }

    /** The API server's URL, for a service's {@code quarkus.kubernetes-client.api-server-url}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** A client of this API server, for seeding it and watching what the services write. */
    public NamespacedKubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
