package io.ameide.coderguard.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Manifests the tests start from, under src/test/resources/manifests, as mutable trees. */
final class TestManifests {

    private TestManifests() {
    }

    static ObjectNode load(String name) {
        try (InputStream in = TestManifests.class.getResourceAsStream("/manifests/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test manifest " + name);
            }
            return (ObjectNode) Manifests.document(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first container of a Deployment's pod template. */
    static ObjectNode firstContainer(JsonNode deployment) {
        return (ObjectNode) deployment.at("/spec/template/spec/containers/0");
    }

    static ObjectNode containerSecurity(JsonNode deployment) {
        return (ObjectNode) firstContainer(deployment).get("securityContext");
    }

    static ObjectNode podSecurity(JsonNode deployment) {
        return (ObjectNode) deployment.at("/spec/template/spec/securityContext");
    }
}
