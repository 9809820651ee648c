package io.ameide.coderguard.policyguard.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    private static final String HEX = "3f1a9c0e5b7d2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d";

    @Test
    void separatesARegistryPortFromATag() {
        ImageReference image = ImageReference.parse("registry.example.internal:5000/devbox/tools");

        assertThat(image.tag()).isEmpty();
        assertThat(image.name()).isEqualTo("registry.example.internal:5000/devbox/tools");
    }

    @Test
    void acceptsTagPlusDigestAndDigestAlone() {
        assertThat(ImageReference.parse("r:5000/a/b:1.2@sha256:" + HEX).unpinnedBecause()).isEmpty();
        assertThat(ImageReference.parse("busybox@sha256:" + HEX).unpinnedBecause()).isEmpty();
    }

    @Test
    void rejectsUpperCaseShortAndUnknownDigests() {
        assertThat(ImageReference.parse("a@sha256:" + HEX.toUpperCase()).hasValidDigest()).isFalse();
        assertThat(ImageReference.parse("a@sha256:" + HEX.substring(1)).hasValidDigest()).isFalse();
        assertThat(ImageReference.parse("a@md5:" + HEX).hasValidDigest()).isFalse();
        assertThat(ImageReference.parse("").unpinnedBecause()).isEqualTo(Optional.of("no tag and no digest"));
    }
}
