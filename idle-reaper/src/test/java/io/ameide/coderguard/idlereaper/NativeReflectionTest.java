package io.ameide.coderguard.idlereaper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderJson;
import io.ameide.coderguard.common.nativeimage.NativeReflectionAudit;
import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.http.SweepResource;
import io.ameide.coderguard.idlereaper.reaper.StopRecord;

/** A native executable keeps for reflection every class Jackson maps: see {@link NativeImageReflection}. */
class NativeReflectionTest {

    @Test
    void every_class_jackson_maps_outside_quarkus_rest_is_registered_for_reflection() {
        NativeReflectionAudit audit = NativeReflectionAudit
                .of("io.ameide.coderguard.idlereaper", Path.of("target/classes"),
                        NativeReflectionAudit.locationOf(CoderJson.class))
                // plan --json writes decisions through CoderJson's mapper.
                .mappedOutsideRest(Decision.class)
                // Entities of Responses: GET /api/decisions and POST /api/sweeps.
                .mappedOutsideRest(StopRecord.class, SweepResource.Summary.class);

        assertThat(audit.unregistered()).as("classes to add to NativeImageReflection").isEmpty();
    }
}
