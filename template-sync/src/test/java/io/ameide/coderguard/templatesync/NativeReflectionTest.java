package io.ameide.coderguard.templatesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderJson;
import io.ameide.coderguard.common.nativeimage.NativeReflectionAudit;
import io.ameide.coderguard.templatesync.http.TemplateView;

/**
 * A native executable keeps for reflection every class Jackson maps. template-sync needs no registration of its own:
 * Quarkus registers what it maps by itself (the CoderTemplate custom resource with its spec and status, and the
 * resources' return types), and common registers the Coder model. This test fails when that stops being true.
 */
class NativeReflectionTest {

    @Test
    void every_class_jackson_maps_outside_quarkus_rest_is_registered_for_reflection() {
        NativeReflectionAudit audit = NativeReflectionAudit
                .of("io.ameide.coderguard.templatesync", Path.of("target/classes"),
                        NativeReflectionAudit.locationOf(CoderJson.class))
                // The entity of GET /api/templates/{namespace}/{name}'s Response; GET /api/templates returns it too.
                .mappedOutsideRest(TemplateView.class);

        assertThat(audit.unregistered()).as("classes to register for reflection").isEmpty();
    }
}
