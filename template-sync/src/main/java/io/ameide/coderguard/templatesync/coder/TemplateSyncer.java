package io.ameide.coderguard.templatesync.coder;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.ameide.coderguard.common.coder.CoderApiException;
import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.JobLogStream;
import io.ameide.coderguard.common.coder.VersionNotPromotableException;
import io.ameide.coderguard.common.coder.model.CreateTemplateRequest;
import io.ameide.coderguard.common.coder.model.CreateTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.PatchTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.Template;
import io.ameide.coderguard.common.coder.model.TemplateVersion;
import io.ameide.coderguard.common.coder.model.UpdateTemplateMeta;
import io.ameide.coderguard.templatesync.coder.SyncOutcome.Failure;
import io.ameide.coderguard.templatesync.coder.SyncOutcome.StepRecord;
import io.ameide.coderguard.templatesync.coder.SyncOutcome.VersionRef;
import io.ameide.coderguard.templatesync.decision.ContentHash;
import io.ameide.coderguard.templatesync.decision.ImportStatus;
import io.ameide.coderguard.templatesync.decision.LintFinding;
import io.ameide.coderguard.templatesync.decision.ObservedTemplate;
import io.ameide.coderguard.templatesync.decision.ObservedVersion;
import io.ameide.coderguard.templatesync.decision.Release;
import io.ameide.coderguard.templatesync.decision.SyncAction;
import io.ameide.coderguard.templatesync.decision.SyncPlan;
import io.ameide.coderguard.templatesync.decision.SyncPlanner;
import io.ameide.coderguard.templatesync.decision.TarPack;
import io.ameide.coderguard.templatesync.decision.TemplateLint;
import io.ameide.coderguard.templatesync.decision.TemplateSettings;
import io.ameide.coderguard.templatesync.decision.Tracking;

/**
 * Carries a release to Coder, one pass at a time: lint → pack → upload → create version → wait for the import →
 * promote → verify. A pass reads Coder, lets the {@link SyncPlanner} choose the next step, takes it, and reads Coder
 * again, until the plan needs nothing more of this pass: an import under way (the caller looks again later, with
 * backoff), a hold that needs a person, or Coder matching the release. Recording the outcome is the caller's.
 * <p>
 * Coder is the source of truth, read at the start of every step; what template-sync remembers ({@link Tracking}) only
 * lets it follow its own versions by id. Thread-safe if each template is synced by one thread at a time.
 */
public final class TemplateSyncer {

    /** Enough for create version → create template → rename → settings, with room for one conflict re-read. */
    static final int MAX_STEPS = 8;

    private static final Logger LOG = Logger.getLogger(TemplateSyncer.class);

    private final CoderClient coder;
    private final String organization;
    private final SyncPlanner planner;
    private final TemplateLint lint;
    private final Clock clock;
    private final boolean dryRun;

    public TemplateSyncer(CoderClient coder, String organization, SyncPlanner planner, TemplateLint lint, Clock clock,
            boolean dryRun) {
        this.coder = coder;
        this.organization = organization;
        this.planner = planner;
        this.lint = lint;
        this.clock = clock;
        this.dryRun = dryRun;
    }

    /**
     * Whether the import of a version is still under way and within the import timeout: one call, where a whole pass
     * would make four. While it is, the caller waits on without a pass; otherwise a pass says what to do next. A Coder
     * failure reads as "not known to be under way", so that a pass runs and reports it.
     */
    public boolean importStillRunning(String versionId) {
        try {
            return coder.getTemplateVersion(versionId).map(CoderObservation::version)
                    .filter(v -> v.importStatus().isUnfinished() && v.importStatus() != ImportStatus.UNKNOWN)
                    .filter(v -> v.jobCreatedAt() == null
                            || Duration.between(v.jobCreatedAt(), clock.instant()).compareTo(planner.importTimeout()) < 0)
                    .isPresent();
        } catch (CoderApiException e) {
            return false;
        }
    }

    /** Follows a version's import through Coder's log stream, which Coder closes when the import has ended. */
    public JobLogStream followImport(String versionId) {
        return coder.followTemplateVersionLogs(versionId);
    }

    public SyncOutcome sync(SyncRequest request) {
        return sync(request, () -> true);
    }

    /**
     * One pass; {@code mayAct} is asked before each change to Coder, so that a replica that lost the Lease mid-pass
     * changes nothing more.
     */
    public SyncOutcome sync(SyncRequest request, BooleanSupplier mayAct) {
        Pass pass = new Pass(request, mayAct);
        List<LintFinding> findings = lint.lint(request.files(), request.variables());
        pass.step(SyncStep.LINT, findings.isEmpty() ? "clean" : findings.size() + " findings");
        if (!findings.isEmpty()) {
            return pass.stopped(new Failure(Failure.Kind.LINT, "the template's files break " + findings.size()
                    + " lint rules; first: " + findings.get(0), false), findings);
        }
        TarPack.Packed packed;
        try {
            packed = TarPack.pack(request.files());
        } catch (IllegalArgumentException e) {
            return pass.stopped(new Failure(Failure.Kind.PACK, e.getMessage(), false), List.of());
        }
        String contentHash = ContentHash.of(packed, request.variables());
        pass.step(SyncStep.PACK, packed.paths().size() + " files, " + contentHash);
        try {
            return pass.run(request.release(contentHash), packed);
        } catch (CoderApiException e) {
            return pass.coderFailed(e);
        } catch (VerifyFailed e) {
            return pass.verifyFailed(e);
        }
    }

    /** The state of one pass: the steps taken and what it learnt. */
    private final class Pass {

        private final SyncRequest request;
        private final BooleanSupplier mayAct;
        private final List<StepRecord> steps = new ArrayList<>();
        private final List<Promotion> promotions = new ArrayList<>();
        private Tracking tracking;
        private String contentHash = "";
        private CoderObservation last;

        Pass(SyncRequest request, BooleanSupplier mayAct) {
            this.request = request;
            this.mayAct = mayAct;
            this.tracking = request.tracking();
        }

        SyncOutcome run(Release release, TarPack.Packed packed) {
            contentHash = release.contentHash();
            for (int taken = 0; taken < MAX_STEPS; taken++) {
                last = CoderObservation.read(coder, organization, release.templateName(),
                        tracking.versionFor(release.versionName()));
                SyncPlan plan = planner.plan(release, last.template(), last.tracked(), tracking, clock.instant());
                if (!plan.action().changesCoder() || dryRun) {
                    return settled(plan);
                }
                if (!mayAct.getAsBoolean()) {
                    return outcome(plan, Optional.of(new Failure(Failure.Kind.NOT_LEADING,
                            "this replica no longer holds the Lease; the leader goes on", true)));
                }
                act(plan, release, packed);
            }
            return outcome(null, Optional.of(new Failure(Failure.Kind.UNSETTLED, "Coder did not settle within "
                    + MAX_STEPS + " steps; someone else may be changing the template", true)));
        }

        private void act(SyncPlan plan, Release release, TarPack.Packed packed) {
            switch (plan.action()) {
                case CREATE_VERSION -> createVersion(release, packed);
                case RENAME_VERSION -> rename(plan.versionId(), release.versionName());
                case CREATE_TEMPLATE -> createTemplate(plan.versionId(), release);
                case PROMOTE -> promote(plan.versionId(), release);
                case PATCH_SETTINGS -> patchSettings(release.settings());
                default -> throw new IllegalStateException("not an action that changes Coder: " + plan.action());
            }
        }

        private void createVersion(Release release, TarPack.Packed packed) {
            String fileId = coder.uploadTar(packed.tar());
            step(SyncStep.UPLOAD, "file " + fileId);
            String templateId = last.raw().map(Template::id).orElse(null);
            String message = ContentHash.message(release.versionName(), request.gitRevision(), release.contentHash());
            try {
                TemplateVersion created = coder.createTemplateVersion(organization, CreateTemplateVersionRequest
                        .fromFile(release.versionName(), message, templateId, fileId, release.provisionerTags(),
                                request.variables()));
                // Followed by the id Coder returned: the name it stored may not be the one sent.
                tracking = new Tracking(created.id(), release.versionName(), tracking.promotedVersionIds());
                step(SyncStep.CREATE_VERSION, created.name() + " (" + created.id() + ")");
                LOG.infof("Template version created: version=%s version_id=%s", release.versionName(), created.id());
            } catch (CoderApiException e) {
                if (!e.isConflict()) {
                    throw e;
                }
                // Someone created a version of that name since Coder was read; the next read finds it by name.
                step(SyncStep.CREATE_VERSION, "name taken since Coder was read");
            }
        }

        private void rename(String versionId, String name) {
            coder.updateTemplateVersion(versionId, new PatchTemplateVersionRequest(name, null));
            step(SyncStep.RENAME_VERSION, versionId + " to " + name);
            LOG.infof("Template version renamed to the release's name: version=%s version_id=%s", name, versionId);
        }

        private void createTemplate(String versionId, Release release) {
            TemplateSettings s = release.settings();
            Template created = coder.createTemplate(organization, new CreateTemplateRequest(release.templateName(),
                    versionId, s.displayName(), s.description(), s.icon(), millis(s.defaultTtl()),
                    millis(s.activityBump())));
            step(SyncStep.CREATE_TEMPLATE, created.id());
            recordPromotion(versionId, release, Promotion.Cause.TEMPLATE_CREATED);
            LOG.infof("Template created from the release: version=%s template_id=%s", release.versionName(), created.id());
        }

        private void promote(String versionId, Release release) {
            String templateId = last.raw().orElseThrow().id();
            boolean healing = tracking.promotedVersionIds().contains(versionId);
            try {
                coder.promoteTemplateVersion(templateId, versionId);
            } catch (VersionNotPromotableException e) {
                // The import's state changed since Coder was read; the next read says how.
                step(SyncStep.PROMOTE, "refused, the import has not succeeded");
                return;
            }
            step(SyncStep.PROMOTE, release.versionName());
            verify(templateId, versionId);
            recordPromotion(versionId, release, healing ? Promotion.Cause.SELF_HEAL : Promotion.Cause.RELEASE);
            LOG.infof(healing
                    ? "Release promoted back, healing a change made by hand: version=%s version_id=%s"
                    : "Release promoted: version=%s version_id=%s", release.versionName(), versionId);
        }

        private void verify(String templateId, String versionId) {
            String active = coder.getTemplate(templateId).map(Template::activeVersionId).orElse("(template gone)");
            step(SyncStep.VERIFY, "active " + active);
            if (!versionId.equals(active)) {
                throw new VerifyFailed("after promoting " + versionId + ", Coder's active version is " + active);
            }
        }

        private void patchSettings(TemplateSettings desired) {
            Template current = last.raw().orElseThrow();
            UpdateTemplateMeta patch = UpdateTemplateMeta.keeping(current).with(desired.displayName(),
                    desired.description(), desired.icon(), millis(desired.defaultTtl()), millis(desired.activityBump()));
            boolean changed = coder.updateTemplate(current.id(), patch).isPresent();
            step(SyncStep.PATCH_SETTINGS, changed ? "patched" : "unchanged");
            if (changed) {
                LOG.infof("Template settings patched: template_id=%s", current.id());
            }
        }

        private void recordPromotion(String versionId, Release release, Promotion.Cause cause) {
            String replaced = cause == Promotion.Cause.TEMPLATE_CREATED
                    ? null
                    : last.template().flatMap(ObservedTemplate::activeVersion).map(ObservedVersion::name).orElse(null);
            promotions.add(new Promotion(versionId, release.versionName(), clock.instant(), cause, replaced));
            Set<String> promoted = new HashSet<>(tracking.promotedVersionIds());
            promoted.add(versionId);
            tracking = new Tracking(tracking.versionId(), tracking.versionName(), promoted);
        }

        private SyncOutcome settled(SyncPlan plan) {
            if (plan.action() == SyncAction.WAIT_FOR_IMPORT) {
                step(SyncStep.WAIT_FOR_IMPORT, "import of " + plan.versionId() + " under way");
            }
            return outcome(plan, Optional.empty());
        }

        SyncOutcome stopped(Failure failure, List<LintFinding> findings) {
            return new SyncOutcome(null, steps, tracking, promotions, findings, contentHash, Optional.empty(),
                    Optional.empty(), Optional.of(failure), dryRun, OptionalInt.empty());
        }

        SyncOutcome verifyFailed(VerifyFailed e) {
            return outcome(null, Optional.of(new Failure(Failure.Kind.VERIFY, e.getMessage(), true)));
        }

        SyncOutcome coderFailed(CoderApiException e) {
            boolean transientFailure = e.isTransient();
            LOG.warnf("Coder call failed during a sync: endpoint=%s status=%d", e.endpoint().tag(), e.status());
            Failure.Kind kind = transientFailure ? Failure.Kind.CODER_UNAVAILABLE : Failure.Kind.CODER_REFUSED;
            return outcome(null, Optional.of(new Failure(kind, e.getMessage(), transientFailure)));
        }

        private SyncOutcome outcome(SyncPlan plan, Optional<Failure> failure) {
            Optional<ObservedTemplate> template = last == null ? Optional.empty() : last.template();
            Optional<VersionRef> active = template.flatMap(ObservedTemplate::activeVersion).map(Pass::ref);
            Optional<VersionRef> release = last == null
                    ? Optional.empty()
                    : last.tracked().or(() -> template.flatMap(t -> t.versionNamed(request.versionName()))).map(Pass::ref);
            return new SyncOutcome(plan, steps, tracking, promotions, List.of(), contentHash, active, release, failure,
                    dryRun, outdated(template));
        }

        /** A count for a metric: a failure to get it never fails the sync. */
        private OptionalInt outdated(Optional<ObservedTemplate> template) {
            if (template.isEmpty()) {
                return OptionalInt.empty();
            }
            try {
                return OptionalInt.of(coder.countOutdatedWorkspaces(request.templateName()));
            } catch (CoderApiException e) {
                LOG.debugf("Outdated workspaces not counted: status=%d", e.status());
                return OptionalInt.empty();
            }
        }

        void step(SyncStep step, String detail) {
            steps.add(new StepRecord(step, detail));
            LOG.debugf("Sync step: step=%s detail=%s", step, detail);
        }

        private static VersionRef ref(ObservedVersion v) {
            return new VersionRef(v.id(), v.name(), v.importStatus());
        }
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    /** Coder's active version after a promotion is not the one promoted: another hand moved it in between. */
    private static final class VerifyFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        VerifyFailed(String message) {
            super(message);
        }
    }
}
