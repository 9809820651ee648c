package io.ameide.coderguard.sandbox.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * template-sync's objects in a {@link ClusterStandIn}, as the chart and Argo CD would apply them: a template directory
 * as a ConfigMap (each file a key, {@code /} written {@code __}) and a CoderTemplate naming it. Written as generic
 * resources, since the sandbox does not depend on template-sync's Java types.
 */
public final class CoderTemplateObjects {

    /** The group and version of template-sync's CoderTemplate resource. */
    public static final String API_VERSION = "guardrails.ameide.io/v1alpha1";
    /** Where CoderTemplates live; the mock API server, like a client without the CRD, offers no discovery of them. */
    private static final ResourceDefinitionContext CODER_TEMPLATES = new ResourceDefinitionContext.Builder()
            .withGroup("guardrails.ameide.io").withVersion("v1alpha1").withKind("CoderTemplate")
            .withPlural("codertemplates").withNamespaced(true).build();

    private final KubernetesClient client;

    public CoderTemplateObjects(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Applies the ConfigMap {@code <name>-files} with the directory's files (hidden ones included; template-sync leaves
     * them out as Coder's CLI does) and the CoderTemplate {@code name} for the release {@code versionName}.
     */
    public void apply(String namespace, String name, Path directory, String templateName, String versionName,
            Map<String, Object> settings) {
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
                .withApiVersion(API_VERSION).withKind("CoderTemplate")
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
        client.genericKubernetesResources(CODER_TEMPLATES).inNamespace(namespace).resource(template)
                .createOr(existing -> existing.update());
    }

    /** A CoderTemplate as the API server holds it, status included, or null. */
    public GenericKubernetesResource get(String namespace, String name) {
        return client.genericKubernetesResources(CODER_TEMPLATES).inNamespace(namespace).withName(name).get();
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
