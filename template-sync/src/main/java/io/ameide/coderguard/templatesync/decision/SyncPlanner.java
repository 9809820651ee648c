package io.ameide.coderguard.templatesync.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ameide.coderguard.templatesync.decision.Drift.Kind;

/**
 * Decides the next step from the release Git declares and what Coder holds. Pure: the same inputs give the same
 * plan.
 * <p>
 * The order of the checks is the order of what matters: a release Coder would refuse is reported first; then the
 * release's version is found (by the id template-sync got when it created it, else by name); its import is judged
 * before its content, because a failed or stuck import is what a person must fix first; a version that carries the
 * release's name with other content is never promoted; and only a succeeded version is promoted. A name match alone
 * never counts as in sync: the active version must also have imported successfully.
 */
public final class SyncPlanner {

    private final Duration importTimeout;

    /** @param importTimeout how long an import may stay unfinished before it is reported as stuck */
    public SyncPlanner(Duration importTimeout) {
        if (importTimeout.isNegative() || importTimeout.isZero()) {
            throw new IllegalArgumentException("the import timeout must be positive");
        }
        this.importTimeout = importTimeout;
    }

    public Duration importTimeout() {
        return importTimeout;
    }

    /**
     * @param template the template, or empty when Coder has none of the release's name
     * @param tracked the version template-sync created for this release, read by id, when Coder still has it; needed
     *     because a version created ahead of its template belongs to no template yet
     * @param tracking what template-sync did before: with self-heal off, a version it promoted before and someone
     *     replaced since is reported and left alone, and so are settings changed after its promotion
     */
    public SyncPlan plan(Release release, Optional<ObservedTemplate> template, Optional<ObservedVersion> tracked,
            Tracking tracking, Instant now) {
        Optional<String> invalid = ReleaseName.problem(release.versionName());
        if (invalid.isPresent()) {
            return SyncPlan.of(SyncAction.HOLD, null, List.of(new Drift(Kind.RELEASE_INVALID, invalid.get())));
        }
        if (template.isEmpty() && !release.selfHeal() && !tracking.promotedVersionIds().isEmpty()) {
            // It existed, template-sync promoted into it, and someone deleted it: with self-heal off, only say so.
            return SyncPlan.of(SyncAction.HOLD, null, List.of(new Drift(Kind.TEMPLATE_MISSING,
                    "template " + release.templateName() + " was deleted in Coder after template-sync promoted into it")));
        }
        if (template.isEmpty()) {
            return planWithoutTemplate(release, tracked, now);
        }
        return planWithTemplate(release, template.get(), tracked, tracking, now);
    }

    private SyncPlan planWithoutTemplate(Release release, Optional<ObservedVersion> tracked, Instant now) {
        if (tracked.isEmpty()) {
            return SyncPlan.of(SyncAction.CREATE_VERSION, null, List.of());
        }
        ObservedVersion version = tracked.get();
        Optional<SyncPlan> importNotDone = judgeImport(version, false, now);
        if (importNotDone.isPresent()) {
            return importNotDone.get();
        }
        if (!release.contentHash().equals(contentHashOf(version))) {
            return SyncPlan.of(SyncAction.CREATE_VERSION, null, List.of());
        }
        return SyncPlan.of(SyncAction.CREATE_TEMPLATE, version.id(), List.of());
    }

    private SyncPlan planWithTemplate(Release release, ObservedTemplate template, Optional<ObservedVersion> tracked,
            Tracking tracking, Instant now) {
        List<Drift> drift = new ArrayList<>();
        Optional<ObservedVersion> active = template.activeVersion();
        Optional<ObservedVersion> candidate = tracked.or(() -> template.versionNamed(release.versionName()));
        if (candidate.isEmpty()) {
            activeDiffers(release, active).ifPresent(drift::add);
            return SyncPlan.of(SyncAction.CREATE_VERSION, null, drift);
        }
        ObservedVersion version = candidate.get();
        boolean isActive = version.id().equals(template.activeVersionId());
        // Whatever holds the release up, Coder still serves another version: that is drift too, reported second.
        Optional<Drift> otherActive = isActive ? Optional.empty() : activeDiffers(release, active);
        Optional<SyncPlan> importNotDone = judgeImport(version, isActive, now);
        if (importNotDone.isPresent()) {
            return withDrift(importNotDone.get(), otherActive);
        }
        if (!release.contentHash().equals(contentHashOf(version))) {
            drift.add(new Drift(Kind.CONTENT_MISMATCH, "version " + version.name() + " exists with other content than"
                    + " the release (" + describeHash(version) + ", release " + release.contentHash() + ")"));
            return withDrift(SyncPlan.of(SyncAction.HOLD, version.id(), drift), otherActive);
        }
        if (!version.name().equals(release.versionName())) {
            drift.add(new Drift(Kind.NAME_MISMATCH, "name mismatch: Coder stored the release's version as "
                    + version.name() + ", not " + release.versionName()));
            return withDrift(SyncPlan.of(SyncAction.RENAME_VERSION, version.id(), drift), otherActive);
        }
        List<String> settings = release.settings().differencesFrom(template.settings());
        if (!settings.isEmpty()) {
            drift.add(new Drift(Kind.SETTINGS_DIFFER, "template settings differ: " + String.join(", ", settings)));
        }
        // Undoing a change someone made after template-sync promoted this version is healing; before that it is
        // the sync itself.
        boolean mayChange = release.selfHeal() || !tracking.promotedVersionIds().contains(version.id());
        if (isActive) {
            SyncAction next = settings.isEmpty() ? SyncAction.NONE : mayChange ? SyncAction.PATCH_SETTINGS : SyncAction.HOLD;
            return SyncPlan.of(next, version.id(), drift);
        }
        drift.add(0, activeDiffers(release, active).orElseThrow());
        if (release.promotion() == Release.Promotion.MANUAL) {
            return SyncPlan.of(SyncAction.AWAIT_MANUAL_PROMOTION, version.id(), drift);
        }
        return SyncPlan.of(mayChange ? SyncAction.PROMOTE : SyncAction.HOLD, version.id(), drift);
    }

    private static SyncPlan withDrift(SyncPlan plan, Optional<Drift> more) {
        if (more.isEmpty()) {
            return plan;
        }
        List<Drift> drift = new ArrayList<>(plan.drift());
        drift.add(more.get());
        return SyncPlan.of(plan.action(), plan.versionId(), drift);
    }

    /** Empty when the import succeeded; otherwise the plan for an import that is under way, stuck or failed. */
    private Optional<SyncPlan> judgeImport(ObservedVersion version, boolean isActive, Instant now) {
        ImportStatus status = version.importStatus();
        if (status == ImportStatus.SUCCEEDED) {
            return Optional.empty();
        }
        if (status == ImportStatus.FAILED || status == ImportStatus.CANCELED) {
            String error = version.error().isBlank() ? "" : ": " + version.error();
            Drift drift = isActive
                    ? new Drift(Kind.ACTIVE_VERSION_FAILED_IMPORT,
                            "active version " + version.name() + " has a " + describe(status) + " import job" + error)
                    : new Drift(Kind.RELEASE_IMPORT_FAILED, "release version failed to import (" + version.name() + " "
                            + describe(status) + error + ")");
            return Optional.of(SyncPlan.of(SyncAction.HOLD, version.id(), List.of(drift)));
        }
        Instant queued = version.jobCreatedAt();
        if (queued == null || Duration.between(queued, now).compareTo(importTimeout) < 0) {
            return Optional.of(SyncPlan.of(SyncAction.WAIT_FOR_IMPORT, version.id(), List.of()));
        }
        return Optional.of(SyncPlan.of(SyncAction.HOLD, version.id(), List.of(stuck(version))));
    }

    private Drift stuck(ObservedVersion version) {
        String waited = " (" + version.name() + " " + version.importStatus().name().toLowerCase() + " for more than "
                + importTimeout.toMinutes() + " min";
        if (version.importStatus() == ImportStatus.PENDING && version.matchedProvisioners() == 0) {
            return new Drift(Kind.IMPORT_STUCK,
                    "import stuck: no provisioner matches tags" + waited + ", tags " + version.tags() + ")");
        }
        return new Drift(Kind.IMPORT_STUCK, "import stuck: not finished within the import timeout" + waited + ")");
    }

    private static Optional<Drift> activeDiffers(Release release, Optional<ObservedVersion> active) {
        String activeName = active.map(ObservedVersion::name).orElse("(unknown)");
        if (active.isPresent() && active.get().name().equals(release.versionName())) {
            return Optional.empty();
        }
        return Optional.of(new Drift(Kind.ACTIVE_VERSION_DIFFERS,
                "Coder active version " + activeName + " != release " + release.versionName()));
    }

    /** The content hash template-sync wrote into the version's message, or empty when it carries none. */
    public static String contentHashOf(ObservedVersion version) {
        String message = version.message() == null ? "" : version.message();
        int at = message.indexOf(ContentHash.PREFIX);
        if (at < 0) {
            return "";
        }
        int end = at + ContentHash.PREFIX.length();
        while (end < message.length() && Character.digit(message.charAt(end), 16) >= 0) {
            end++;
        }
        return message.substring(at, end);
    }

    private static String describeHash(ObservedVersion version) {
        String hash = contentHashOf(version);
        return hash.isEmpty() ? "its message records no content hash" : "content " + hash;
    }

    private static String describe(ImportStatus status) {
        return status.name().toLowerCase();
    }
}
