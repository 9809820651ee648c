package io.ameide.coderguard.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.nativeimage.NativeReflectionAudit;

/** A native executable keeps for reflection every class of common that Jackson maps: see {@link NativeImageReflection}. */
class NativeReflectionTest {

    @Test
    void every_class_jackson_maps_outside_quarkus_rest_is_registered_for_reflection() {
        NativeReflectionAudit audit = NativeReflectionAudit.of("io.ameide.coderguard.common", Path.of("target/classes"))
                // Coder's wire model, read and written by CoderClient through CoderJson's own mapper.
                .mappedOutsideRest("io.ameide.coderguard.common.coder.model");

        assertThat(audit.unregistered()).as("classes to add to NativeImageReflection").isEmpty();
    }
}
