package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * <b>A stand-in for a Kubernetes API server, not a cluster</b>: fabric8's mock API server in CRUD mode, on 127.0.0.1
 * over plain HTTP, for the sandbox run of template-sync. It stores and serves objects (CoderTemplates, ConfigMaps,
 * Events, the Lease), with watches and status subresources; it runs no controllers and no pods, and checks no schema,
 * no RBAC and no credentials.
 * <p>
 * Point a service at it with {@code QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL=<url()>}.
 */
public final class KubernetesStandIn implements AutoCloseable {

    /** The group and version of template-sync's CoderTemplate resource. */
    public static final String CODER_TEMPLATE_API_VERSION = "guardrails.ameide.io/v1alpha1";
    /** Where CoderTemplates live; the mock server, like a client without the CRD, learns nothing from discovery. */
    private static final ResourceDefinitionContext CODER_TEMPLATES = new ResourceDefinitionContext.Builder()
            .withGroup("guardrails.ameide.io").withVersion("v1alpha1").withKind("CoderTemplate")
            .withPlural("codertemplates").withNamespaced(true).build();

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private KubernetesStandIn(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    /** Starts it on {@code port} of 127.0.0.1 (0 for a free one). */
    public static KubernetesStandIn start(int port) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        return new KubernetesStandIn(server);
    }

    /** The API server's URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        String url = server.url("/");
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** A client of this API server, for seeding and reading objects. */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Puts a template's files into a ConfigMap and a CoderTemplate naming them, as the chart and Argo CD would: each
     * file of {@code directory} (hidden ones included; template-sync leaves them out as Coder's CLI does) becomes a key,
     * {@code /} written {@code __}.
     */
    public void applyCoderTemplate(String namespace, String name, Path directory, String templateName,
            String versionName, Map<String, Object> settings) {
        ConfigMapBuilder files = new ConfigMapBuilder().withNewMetadata().withName(name + "-files")
                .withNamespace(namespace).endMetadata();
        readFiles(directory).forEach((path, text) -> files.addToData(path.replace("/", "__"), text));
        client.configMaps().inNamespace(namespace).resource(files.build()).createOr(existing -> existing.update());
        Map<String, Object> spec = new TreeMap<>();
        spec.put("templateName", templateName);
        spec.put("release", Map.of("versionName", versionName));
        spec.put("files", Map.of("configMapName", name + "-files"));
        spec.put("settings", settings);
        GenericKubernetesResource template = new GenericKubernetesResourceBuilder()
                .withApiVersion(CODER_TEMPLATE_API_VERSION).withKind("CoderTemplate")
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
        client.genericKubernetesResources(CODER_TEMPLATES).inNamespace(namespace).resource(template)
                .createOr(existing -> existing.update());
    }

    /** A CoderTemplate as the API server holds it, status included, or null. */
    public GenericKubernetesResource coderTemplate(String namespace, String name) {
        return client.genericKubernetesResources(CODER_TEMPLATES).inNamespace(namespace).withName(name).get();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static Map<String, String> readFiles(Path directory) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(path).toString().replace('\\', '/'),
                        Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template directory " + directory, e);
        }
        return files;
    }
}
