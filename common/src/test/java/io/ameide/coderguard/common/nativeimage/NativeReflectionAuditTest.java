package io.ameide.coderguard.common.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.nativeimage.fixture.Forgotten;
import io.ameide.coderguard.common.nativeimage.fixture.Listed;
import io.ameide.coderguard.common.nativeimage.fixture.ListedAlone;

/** The audit behind every module's NativeReflectionTest, over the classes of the {@code fixture} package. */
class NativeReflectionAuditTest {

    private static final String FIXTURES = "io.ameide.coderguard.common.nativeimage.fixture";

    private static Set<String> unregisteredWithRoots(Class<?>... roots) {
        return NativeReflectionAudit.of(FIXTURES, Path.of("target/test-classes")).mappedOutsideRest(roots).unregistered();
    }

    @Test
    void a_named_class_and_every_class_it_reaches_are_reported_when_nothing_registers_them() {
        assertThat(unregisteredWithRoots(Forgotten.class)).contains(FIXTURES + ".Forgotten", FIXTURES + ".ForgottenPart",
                FIXTURES + ".ForgottenLeaf");
    }

    @Test
    void a_class_carrying_a_jackson_annotation_is_reported_without_being_named() {
        assertThat(unregisteredWithRoots()).containsExactly(FIXTURES + ".Annotated");
    }

    @Test
    void a_registered_class_covers_its_nested_classes() {
        assertThat(unregisteredWithRoots(Listed.class)).doesNotContain(FIXTURES + ".Listed", FIXTURES + ".Listed$Part");
    }

    @Test
    void a_class_registered_without_nested_classes_leaves_them_reported() {
        assertThat(unregisteredWithRoots(ListedAlone.class)).contains(FIXTURES + ".ListedAlone$Inner")
                .doesNotContain(FIXTURES + ".ListedAlone");
    }

    @Test
    void what_quarkus_rest_and_the_kubernetes_client_register_by_themselves_is_not_reported() {
        assertThat(unregisteredWithRoots()).doesNotContain(FIXTURES + ".Served", FIXTURES + ".FixtureSpec",
                FIXTURES + ".FixtureResource");
    }

    @Test
    void a_named_class_outside_the_audited_classes_is_refused() {
        assertThatThrownBy(() -> NativeReflectionAudit.of(FIXTURES, Path.of("target/test-classes"))
                .mappedOutsideRest(String.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
