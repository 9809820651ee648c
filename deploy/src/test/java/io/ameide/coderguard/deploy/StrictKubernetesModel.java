package io.ameide.coderguard.deploy;

import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ameide.coderguard.templatesync.kubernetes.CoderTemplate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Reads a manifest into fabric8's Kubernetes model and refuses anything the model does not know: an unknown kind, an
 * unknown field at any depth, a value of the wrong type.
 *
 * <p>
 * fabric8's own reading is lenient on purpose: each model class keeps unknown fields in an {@code additionalProperties}
 * map ({@code @JsonAnySetter}), and its serialization moves a value of the wrong type there too. A misspelt
 * {@code readOnlyRootFilesytem} would then pass unnoticed and be dropped by the API server. This reader uses fabric8 only
 * to find the model class for {@code apiVersion}/{@code kind}, then binds with a mapper of its own that ignores the
 * any-setters and fails on unknown properties, so the error names the path of the offending field.
 */
final class StrictKubernetesModel {

    private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

    static {
        // This project's own custom resource, read as the type template-sync itself reads it.
        FABRIC8.registerKubernetesResource(CoderTemplate.class);
    }

    private static final ObjectMapper STRICT = JsonMapper.builder().annotationIntrospector(new NoAnySetter())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY).build();

    private StrictKubernetesModel() {
    }

    /** The object as its model class, or an exception naming the object and what is wrong with it. */
    static HasMetadata read(JsonNode manifest) {
        Class<?> argoCd = ArgoCdModel.modelClass(manifest.path("apiVersion").asText(), manifest.path("kind").asText());
        if (argoCd != null) {
            bind(manifest, argoCd);
            return FABRIC8.unmarshal(manifest.toString(), GenericKubernetesResource.class);
        }
        Class<? extends KubernetesResource> type = modelClass(manifest);
        if (!(bind(manifest, type) instanceof HasMetadata object)) {
            throw new InvalidManifestException(Manifests.describe(manifest) + ": not a top-level object");
        }
        return object;
    }

    /** Any part of a manifest read strictly as its model class: a container's env entry, a security context. */
    static <T> T bind(JsonNode manifest, Class<T> type) {
        try {
            return STRICT.treeToValue(manifest, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidManifestException(Manifests.describe(manifest) + ": " + e.getOriginalMessage() + " at "
                    + path(e), e);
        }
    }

    static List<HasMetadata> readAll(List<JsonNode> manifests) {
        return manifests.stream().map(StrictKubernetesModel::read).toList();
    }

    private static Class<? extends KubernetesResource> modelClass(JsonNode manifest) {
        if (!manifest.path("apiVersion").isTextual() || !manifest.path("kind").isTextual()) {
            throw new InvalidManifestException(Manifests.describe(manifest) + ": apiVersion and kind are required");
        }
        // Only apiVersion and kind, so that fabric8's lenient reading of the content can neither fail nor hide anything.
        ObjectNode typeOnly = JsonNodeFactory.instance.objectNode().put("apiVersion", manifest.path("apiVersion").asText())
                .put("kind", manifest.path("kind").asText());
        KubernetesResource lenient = FABRIC8.unmarshal(typeOnly.toString());
        if (lenient instanceof GenericKubernetesResource) {
            throw new InvalidManifestException(Manifests.describe(manifest) + ": no Kubernetes model for apiVersion "
                    + manifest.path("apiVersion").asText() + " kind " + manifest.path("kind").asText());
        }
        return lenient.getClass();
    }

    private static String path(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            return mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null
                            ? "." + reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .reduce("", String::concat);
        }
        return "?";
    }

    /** Jackson's annotations as written, less {@code @JsonAnySetter}, so that unknown fields are errors. */
    private static final class NoAnySetter extends JacksonAnnotationIntrospector {

        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            return Boolean.FALSE;
        }
    }

    static final class InvalidManifestException extends RuntimeException {

        InvalidManifestException(String message) {
            super(message);
        }

        InvalidManifestException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
