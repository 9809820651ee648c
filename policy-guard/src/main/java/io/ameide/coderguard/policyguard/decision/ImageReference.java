package io.ameide.coderguard.policyguard.decision;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference split as the container runtime splits it: {@code [registry[:port]/]repository[:tag][@digest]}. The
 * tag is looked for only after the last {@code /}, so a registry port ({@code registry:5000/app}) is never taken for a
 * tag, and the digest only after {@code @}, so {@code sha256} in a name ({@code tools/sha256-helper}) is never taken
 * for one.
 */
public record ImageReference(String name, Optional<String> tag, Optional<String> digest) {

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern SHA512 = Pattern.compile("sha512:[0-9a-f]{128}");

    public static ImageReference parse(String image) {
        String reference = image == null ? "" : image.strip();
        Optional<String> digest = Optional.empty();
        int at = reference.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(reference.substring(at + 1));
            reference = reference.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = reference.lastIndexOf(':');
        if (colon > reference.lastIndexOf('/')) {
            tag = Optional.of(reference.substring(colon + 1));
            reference = reference.substring(0, colon);
        }
        return new ImageReference(reference, tag, digest);
    }

    /** Whether the digest is one a registry can serve: sha256 with 64, or sha512 with 128, lower-case hex digits. */
    public boolean hasValidDigest() {
        return digest.filter(value -> SHA256.matcher(value).matches() || SHA512.matcher(value).matches()).isPresent();
    }

    /** Why the image is not pinned, in words, or empty when it is. */
    public Optional<String> unpinnedBecause() {
        if (hasValidDigest()) {
            return Optional.empty();
        }
        if (digest.isPresent()) {
            return Optional.of("malformed digest '" + digest.get()
                    + "' (expected sha256: and 64 lower-case hex digits, or sha512: and 128)");
        }
        return Optional.of(tag.map(value -> "tag '" + value + "' only, no digest").orElse("no tag and no digest"));
    }
}
