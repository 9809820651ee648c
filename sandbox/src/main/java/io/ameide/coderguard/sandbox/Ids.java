package io.ameide.coderguard.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import io.ameide.coderguard.common.coder.CoderIds;

/** The UUIDs the stand-in hands out and accepts. */
final class Ids {

    /** Coder's system user that owns unclaimed prebuilt workspaces. */
    static final String PREBUILDS_USER_ID = "c42fdf75-3097-471c-8c33-fb52454d81c0";
    static final String PREBUILDS_USER_NAME = "prebuilds";

    private Ids() {
    }

    /** A stable id for what a seed names but does not number (an owner, a template), so two runs agree. */
    static String derived(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String random() {
        return UUID.randomUUID().toString();
    }

    /** True for the 36-character form Coder writes; the stand-in accepts no other. */
    static boolean isUuid(String text) {
        return CoderIds.isUuid(text);
    }

    static String normalize(String uuid) {
        return uuid.toLowerCase(Locale.ROOT);
    }
}
