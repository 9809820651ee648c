package io.ameide.coderguard.policyguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderJson;
import io.ameide.coderguard.common.nativeimage.NativeReflectionAudit;
import io.ameide.coderguard.policyguard.report.PolicyReport;

/** A native executable keeps for reflection every class Jackson maps: see {@link NativeImageReflection}. */
class NativeReflectionTest {

    @Test
    void every_class_jackson_maps_outside_quarkus_rest_is_registered_for_reflection() {
        NativeReflectionAudit audit = NativeReflectionAudit
                .of("io.ameide.coderguard.policyguard", Path.of("target/classes"),
                        NativeReflectionAudit.locationOf(CoderJson.class))
                // Read and written by the fabric8 client's mapper.
                .mappedOutsideRest(PolicyReport.class);

        assertThat(audit.unregistered()).as("classes to add to NativeImageReflection").isEmpty();
    }
}
