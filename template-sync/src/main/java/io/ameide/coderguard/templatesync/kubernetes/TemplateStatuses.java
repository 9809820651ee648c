package io.ameide.coderguard.templatesync.kubernetes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.ameide.coderguard.templatesync.coder.Promotion;
import io.ameide.coderguard.templatesync.coder.SyncOutcome;
import io.ameide.coderguard.templatesync.coder.SyncOutcome.Failure;
import io.ameide.coderguard.templatesync.coder.SyncOutcome.VersionRef;
import io.ameide.coderguard.templatesync.decision.Drift;
import io.ameide.coderguard.templatesync.decision.LintFinding;
import io.ameide.coderguard.templatesync.decision.SyncPlan;
import io.ameide.coderguard.templatesync.decision.Tracking;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Turns a sync's outcome into the CoderTemplate's status: the four conditions with reasons a person understands, the
 * versions, what template-sync tracks, and the promotion history. A condition keeps its {@code lastTransitionTime}
 * while its status stays the same.
 */
public final class TemplateStatuses {

    public static final String READY = "Ready";
    public static final String SYNCED = "Synced";
    public static final String DRIFTED = "Drifted";
    public static final String FAILED = "Failed";

    private TemplateStatuses() {
    }

    /** The status after a sync pass. */
    public static CoderTemplateStatus after(CoderTemplateStatus previous, Long generation, SyncOutcome outcome,
            Instant now, int historySize) {
        CoderTemplateStatus status = copyKept(previous, generation, now);
        status.setContentHash(outcome.contentHash().isEmpty() ? previous.getContentHash() : outcome.contentHash());
        outcome.activeVersion().map(TemplateStatuses::ref).ifPresent(status::setActiveVersion);
        status.setReleaseVersion(outcome.releaseVersion().map(TemplateStatuses::ref).orElse(null));
        status.setTrackedVersionId(outcome.tracking().versionId());
        status.setTrackedVersionName(outcome.tracking().versionName());
        status.setLintFindings(outcome.lintFindings().stream().map(LintFinding::toString).toList());
        List<Drift> drift = outcome.plan() == null ? List.of() : outcome.plan().drift();
        status.setDrift(outcome.plan() == null ? previous.getDrift() : drift.stream().map(Drift::message).toList());
        outcome.outdatedWorkspaces().ifPresent(count -> status.setOutdatedWorkspaces(count));
        recordPromotions(status, previous, outcome.promotions(), historySize);
        setConditions(status, previous, judge(outcome), generation, now);
        return status;
    }

    /** The status when the custom resource itself cannot be synced: its files or its spec are unusable. */
    public static CoderTemplateStatus unusable(CoderTemplateStatus previous, Long generation, String reason,
            String message, Instant now) {
        CoderTemplateStatus status = copyKept(previous, generation, now);
        Judgement judgement = new Judgement(new State(false, reason, message), new State(true, reason, message),
                keepDrift(previous));
        setConditions(status, previous, judgement, generation, now);
        return status;
    }

    /** What the status says template-sync did before: the version it tracks and the versions it promoted. */
    public static Tracking tracking(CoderTemplateStatus status) {
        if (status == null) {
            return Tracking.NONE;
        }
        Set<String> promoted = new HashSet<>();
        status.getPromotionHistory().forEach(p -> promoted.add(p.getVersionId()));
        return new Tracking(status.getTrackedVersionId(), status.getTrackedVersionName(), promoted);
    }

    public static Optional<Condition> condition(CoderTemplateStatus status, String type) {
        return status == null
                ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Status, reason and message of one condition, before it is dated. */
    record State(boolean value, String reason, String message) {
    }

    /** Synced, Failed and Drifted; Ready follows from them. */
    record Judgement(State synced, State failed, State drifted) {

        State ready() {
            boolean ready = synced.value() && !failed.value() && !drifted.value();
            State cause = failed.value() ? failed : !synced.value() ? synced : drifted;
            return ready
                    ? new State(true, "InSync", "Coder serves the release with the declared settings")
                    : new State(false, cause.reason(), cause.message());
        }
    }

    static Judgement judge(SyncOutcome outcome) {
        if (outcome.failure().isPresent()) {
            return failed(outcome.failure().get(), outcome);
        }
        SyncPlan plan = outcome.plan();
        State drifted = drifted(plan.drift());
        if (outcome.dryRun() && plan.action().changesCoder()) {
            String would = "[dry-run] would " + plan.action().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            return new Judgement(new State(false, "DryRun", would), noFailure(), drifted);
        }
        return switch (plan.action()) {
            case NONE -> new Judgement(new State(true, "InSync", "the release " + releaseName(outcome) + " is active"),
                    noFailure(), drifted);
            case WAIT_FOR_IMPORT -> new Judgement(new State(false, "ImportRunning",
                    "waiting for the import of " + releaseName(outcome)), noFailure(), drifted);
            case AWAIT_MANUAL_PROMOTION -> new Judgement(new State(false, "AwaitingManualPromotion",
                    "the release imported; promotion is manual"), noFailure(), drifted);
            case HOLD -> held(plan, drifted);
            default -> new Judgement(new State(false, "Syncing", "next step: " + plan.action()), noFailure(), drifted);
        };
    }

    private static Judgement held(SyncPlan plan, State drifted) {
        Drift first = plan.primaryDrift().orElseThrow();
        String reason = camel(first.kind());
        boolean needsPerson = switch (first.kind()) {
            case ACTIVE_VERSION_DIFFERS, SETTINGS_DIFFER -> false;
            default -> true;
        };
        State synced = new State(false, needsPerson ? reason : "DriftNotHealed",
                needsPerson ? first.message() : first.message() + " (self-heal is off)");
        return new Judgement(synced, needsPerson ? new State(true, reason, first.message()) : noFailure(), drifted);
    }

    private static Judgement failed(Failure failure, SyncOutcome outcome) {
        String reason = switch (failure.kind()) {
            case LINT -> "LintFailed";
            case PACK -> "FilesUnreadable";
            case CODER_UNAVAILABLE -> "CoderUnavailable";
            case CODER_REFUSED -> "CoderRefused";
            case VERIFY -> "VerifyFailed";
            case UNSETTLED -> "Unsettled";
            case NOT_LEADING -> "NotLeading";
        };
        State synced = new State(false, reason, failure.message());
        State failed = failure.isTransient() ? noFailure() : new State(true, reason, failure.message());
        State drifted = outcome.plan() == null
                ? new State(false, "Unknown", "Coder was not compared")
                : drifted(outcome.plan().drift());
        return new Judgement(synced, failed, drifted);
    }

    private static State drifted(List<Drift> drift) {
        if (drift.isEmpty()) {
            return new State(false, "NoDrift", "Coder matches the release");
        }
        return new State(true, camel(drift.get(0).kind()),
                drift.stream().map(Drift::message).collect(Collectors.joining("; ")));
    }

    private static State keepDrift(CoderTemplateStatus previous) {
        return condition(previous, DRIFTED)
                .map(c -> new State("True".equals(c.getStatus()), c.getReason(), c.getMessage()))
                .orElse(new State(false, "Unknown", "Coder was not compared"));
    }

    private static State noFailure() {
        return new State(false, "NoFailure", "nothing needs a person");
    }

    private static void setConditions(CoderTemplateStatus status, CoderTemplateStatus previous, Judgement judgement,
            Long generation, Instant now) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(dated(previous, READY, judgement.ready(), generation, now));
        conditions.add(dated(previous, SYNCED, judgement.synced(), generation, now));
        conditions.add(dated(previous, DRIFTED, judgement.drifted(), generation, now));
        conditions.add(dated(previous, FAILED, judgement.failed(), generation, now));
        status.setConditions(conditions);
    }

    private static Condition dated(CoderTemplateStatus previous, String type, State state, Long generation,
            Instant now) {
        String value = state.value() ? "True" : "False";
        String since = condition(previous, type).filter(c -> value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime).orElse(now.toString());
        return new ConditionBuilder().withType(type).withStatus(value).withReason(state.reason())
                .withMessage(bounded(state.message())).withLastTransitionTime(since)
                .withObservedGeneration(generation).build();
    }

    private static void recordPromotions(CoderTemplateStatus status, CoderTemplateStatus previous,
            List<Promotion> promotions, int historySize) {
        List<CoderTemplateStatus.PromotionRecord> history = new ArrayList<>(previous.getPromotionHistory());
        for (Promotion promotion : promotions) {
            CoderTemplateStatus.PromotionRecord record = new CoderTemplateStatus.PromotionRecord();
            record.setVersionId(promotion.versionId());
            record.setVersionName(promotion.versionName());
            record.setAt(promotion.at().toString());
            record.setCause(switch (promotion.cause()) {
                case TEMPLATE_CREATED -> "TemplateCreated";
                case RELEASE -> "Release";
                case SELF_HEAL -> "SelfHeal";
            });
            record.setReplacedVersionName(promotion.replacedVersionName());
            history.add(0, record);
            status.setLastPromotion(record);
        }
        status.setPromotionHistory(new ArrayList<>(history.subList(0, Math.min(historySize, history.size()))));
    }

    private static CoderTemplateStatus copyKept(CoderTemplateStatus previous, Long generation, Instant now) {
        CoderTemplateStatus status = new CoderTemplateStatus();
        status.setObservedGeneration(generation);
        status.setActiveVersion(previous.getActiveVersion());
        status.setReleaseVersion(previous.getReleaseVersion());
        status.setTrackedVersionId(previous.getTrackedVersionId());
        status.setTrackedVersionName(previous.getTrackedVersionName());
        status.setContentHash(previous.getContentHash());
        status.setLastPromotion(previous.getLastPromotion());
        status.setPromotionHistory(new ArrayList<>(previous.getPromotionHistory()));
        status.setLintFindings(new ArrayList<>(previous.getLintFindings()));
        status.setDrift(new ArrayList<>(previous.getDrift()));
        status.setOutdatedWorkspaces(previous.getOutdatedWorkspaces());
        status.setLastSyncTime(now.toString());
        return status;
    }

    private static CoderTemplateStatus.VersionRef ref(VersionRef version) {
        CoderTemplateStatus.VersionRef ref = new CoderTemplateStatus.VersionRef();
        ref.setId(version.id());
        ref.setName(version.name());
        ref.setImportStatus(version.importStatus().name().toLowerCase(Locale.ROOT));
        return ref;
    }

    private static String releaseName(SyncOutcome outcome) {
        return outcome.releaseVersion().map(VersionRef::name).orElse("(not created yet)");
    }

    /** {@code RELEASE_IMPORT_FAILED} as {@code ReleaseImportFailed}, as Kubernetes writes condition reasons. */
    static String camel(Enum<?> value) {
        StringBuilder out = new StringBuilder();
        for (String word : value.name().toLowerCase(Locale.ROOT).split("_")) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }

    private static String bounded(String message) {
        return message.length() <= 1024 ? message : message.substring(0, 1021) + "...";
    }
}
