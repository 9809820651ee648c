package io.ameide.coderguard.templatesync.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.ameide.coderguard.templatesync.coder.Promotion;
import io.ameide.coderguard.templatesync.coder.SyncOutcome;
import io.ameide.coderguard.templatesync.coder.SyncOutcome.StepRecord;
import io.ameide.coderguard.templatesync.coder.SyncStep;
import io.ameide.coderguard.templatesync.coder.TemplateSyncer;
import io.ameide.coderguard.templatesync.decision.SyncAction;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * Keeps every CoderTemplate of one namespace in sync with Coder. A template is reconciled when its object or its
 * ConfigMap changes (informers), when a Coder notification names it, after an import it waits for (with backoff), and
 * on every resync, since most changes in Coder send no notification. Only while this replica leads (holds the Lease)
 * does it reconcile.
 * <p>
 * One reconcile reads as its steps: read the desired state, sync it (lint → pack → upload → create version → wait →
 * promote → verify, in {@link TemplateSyncer}), record the outcome (status, Events, metrics), schedule the next look.
 */
public final class TemplateController implements AutoCloseable {

    /**
     * @param namespace the namespace whose CoderTemplates are synced
     * @param followImportLogs whether imports are followed through Coder's log stream as well as polled
     * @param workers how many templates are reconciled at once
     */
    public record Settings(String namespace, Duration resyncInterval, boolean followImportLogs,
            Duration importPollInitialDelay, Duration importPollMaxDelay, Duration retryInitialDelay,
            Duration retryMaxDelay, int historySize, int workers) {
    }

    private static final Logger LOG = Logger.getLogger(TemplateController.class);
    /** Oldest first; RFC 3339 timestamps in UTC sort as text. The name breaks a tie within one second. */
    private static final Comparator<CoderTemplate> FIRST_CREATED = Comparator
            .comparing((CoderTemplate t) -> t.getMetadata().getCreationTimestamp(),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(t -> t.getMetadata().getName());

    private final KubernetesClient client;
    private final Settings settings;
    private final TemplateSyncer syncer;
    private final TemplateEvents events;
    private final SyncListener listener;
    private final Clock clock;
    private final BooleanSupplier leading;
    private final ReconcileQueue queue;
    private final ScheduledExecutorService resync;
    private final ImportFollowers followers;
    /** Looks in a row at one template that waited for an import or failed; sets the backoff. */
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    /** Imports waited for, by key: while one runs, a look costs one call to Coder instead of a whole pass. */
    private final Map<String, Waiting> importsUnderWay = new ConcurrentHashMap<>();
    /** The status this replica last wrote, by uid: the informer's copy may not have caught up with it yet. */
    private final Map<String, CoderTemplateStatus> written = new ConcurrentHashMap<>();
    private volatile SharedIndexInformer<CoderTemplate> templates;
    private volatile SharedIndexInformer<ConfigMap> configMaps;

    public TemplateController(KubernetesClient client, Settings settings, TemplateSyncer syncer, TemplateEvents events,
            SyncListener listener, Clock clock, BooleanSupplier leading) {
        this.client = client;
        this.settings = settings;
        this.syncer = syncer;
        this.events = events;
        this.listener = listener;
        this.clock = clock;
        this.leading = leading;
        this.queue = new ReconcileQueue(this::reconcile, settings.workers());
        this.followers = new ImportFollowers(syncer::followImport, key -> queue.enqueue(key, Duration.ZERO), listener);
        this.resync = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "template-sync-resync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the informers and the periodic resync. The ConfigMaps are listed first, so that no template is judged
     * against files not read yet; the templates' informer is in place before it starts, because its first events
     * already reach the workers, which look templates up in it.
     */
    public void start() {
        configMaps = client.configMaps().inNamespace(settings.namespace()).inform(new ConfigMapChanges(), 0);
        SharedIndexInformer<CoderTemplate> informer = client.resources(CoderTemplate.class)
                .inNamespace(settings.namespace()).runnableInformer(0);
        informer.addEventHandler(new TemplateChanges());
        templates = informer;
        informer.start();
        long every = settings.resyncInterval().toMillis();
        resync.scheduleAtFixedRate(this::enqueueAll, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("Watching CoderTemplates: namespace=%s resync_interval=%s", settings.namespace(),
                settings.resyncInterval());
    }

    /** Looks at every template again now, e.g. after this replica gained the Lease. */
    public void enqueueAll() {
        SharedIndexInformer<CoderTemplate> informer = templates;
        if (informer != null) {
            informer.getStore().listKeys().forEach(key -> queue.enqueue(key, Duration.ZERO));
        }
    }

    /** Looks again at the templates of that name in Coder, e.g. after a Coder notification about it. */
    public int enqueueTemplateNamed(String templateName) {
        SharedIndexInformer<CoderTemplate> informer = templates;
        if (informer == null) {
            return 0;
        }
        int found = 0;
        for (CoderTemplate template : informer.getStore().list()) {
            if (templateName.equalsIgnoreCase(templateName(template))) {
                queue.enqueue(Cache.metaNamespaceKeyFunc(template), Duration.ZERO);
                found++;
            }
        }
        return found;
    }

    /** The CoderTemplates this replica knows, as the informer holds them. */
    public List<CoderTemplate> templates() {
        SharedIndexInformer<CoderTemplate> informer = templates;
        return informer == null ? List.of() : informer.getStore().list();
    }

    void reconcile(String key) {
        CoderTemplate template = templates.getStore().getByKey(key);
        if (template == null) {
            forget(key);
            return;
        }
        if (!leading.getAsBoolean()) {
            letGo(key);
            return;
        }
        MDC.put("template", templateName(template));
        MDC.put("resource", key);
        try {
            reconcile(key, template);
        } finally {
            MDC.remove("template");
            MDC.remove("resource");
        }
    }

    private void reconcile(String key, CoderTemplate template) {
        Waiting waiting = importsUnderWay.remove(key);
        if (waiting != null && waiting.generation().equals(template.getMetadata().getGeneration())
                && syncer.importStillRunning(waiting.versionId())) {
            importsUnderWay.put(key, waiting);
            follow(key, waiting.versionId());
            scheduleNext(key, true, false);
            return;
        }
        long started = System.nanoTime();
        CoderTemplateStatus previous = previousStatus(template);
        DesiredTemplate desired = duplicateOf(template)
                .orElseGet(() -> DesiredTemplate.read(template, TemplateStatuses.tracking(previous), this::configMap));
        if (desired.problem().isPresent()) {
            // Nothing is waited for until the spec or its files are fixed; an import under way is the old spec's.
            followers.stop(key);
            attempts.remove(key);
            recordUnusable(template, previous, desired.problem().get());
            return;
        }

        SyncOutcome outcome = syncer.sync(desired.request().orElseThrow(), leading);
        if (!leading.getAsBoolean()) {
            // The Lease went to another replica during the pass: that replica records and goes on.
            LOG.info("Lease lost during a pass; its outcome is left to the new leader");
            letGo(key);
            return;
        }

        CoderTemplateStatus status = record(template, previous, outcome);
        listener.passed(desired.request().get().templateName(), outcome, isTrue(status, TemplateStatuses.DRIFTED),
                Duration.ofNanos(System.nanoTime() - started));
        boolean waitingForImport = outcome.plan() != null && outcome.plan().action() == SyncAction.WAIT_FOR_IMPORT;
        if (waitingForImport && outcome.plan().versionId() != null) {
            importsUnderWay.put(key, new Waiting(outcome.plan().versionId(), template.getMetadata().getGeneration()));
            follow(key, outcome.plan().versionId());
        } else {
            followers.stop(key);
        }
        scheduleNext(key, waitingForImport, outcome.failure().map(SyncOutcome.Failure::isTransient).orElse(false));
    }

    /**
     * Unusable when another CoderTemplate, created before this one, names the same Coder template: two objects naming one
     * template would each promote its own release and take the other's promotion for a change by hand, in turns, at
     * every resync. The first one keeps syncing; when it is deleted, the next takes over.
     */
    private Optional<DesiredTemplate> duplicateOf(CoderTemplate template) {
        return templates.getStore().list().stream()
                .filter(other -> !other.getMetadata().getUid().equals(template.getMetadata().getUid()))
                .filter(other -> sameCoderTemplate(other.getSpec(), template.getSpec()))
                .filter(other -> FIRST_CREATED.compare(other, template) < 0)
                .min(FIRST_CREATED)
                .map(first -> DesiredTemplate.problem("DuplicateTemplate", "Coder template "
                        + template.getSpec().getTemplateName() + " in organization " + organization(template.getSpec())
                        + " is synced by CoderTemplate " + Cache.metaNamespaceKeyFunc(first)
                        + " already; remove one of the two"));
    }

    /** Coder's template names are unique regardless of case within an organization. */
    private static boolean sameCoderTemplate(CoderTemplateSpec a, CoderTemplateSpec b) {
        return a != null && b != null && a.getTemplateName() != null
                && a.getTemplateName().equalsIgnoreCase(b.getTemplateName())
                && organization(a).equalsIgnoreCase(organization(b));
    }

    private static String organization(CoderTemplateSpec spec) {
        return spec.getOrganization() == null || spec.getOrganization().isBlank() ? "default" : spec.getOrganization();
    }

    /**
     * Stops waiting for the template's import: the leader follows it now. A stream kept open here would stay open until
     * the import ends, which for an import no provisioner takes is never.
     */
    private void letGo(String key) {
        importsUnderWay.remove(key);
        followers.stop(key);
    }

    private void follow(String key, String versionId) {
        if (settings.followImportLogs()) {
            followers.follow(key, versionId);
        }
    }

    /** An import a template waits for, and the spec generation it was created for. */
    private record Waiting(String versionId, Long generation) {
    }

    private CoderTemplateStatus record(CoderTemplate template, CoderTemplateStatus previous, SyncOutcome outcome) {
        CoderTemplateStatus status = TemplateStatuses.after(previous, template.getMetadata().getGeneration(), outcome,
                clock.instant(), settings.historySize());
        writeStatus(template, status);
        recordEvents(template, previous, status, outcome);
        return status;
    }

    private void recordUnusable(CoderTemplate template, CoderTemplateStatus previous, DesiredTemplate.Problem problem) {
        CoderTemplateStatus status = TemplateStatuses.unusable(previous, template.getMetadata().getGeneration(),
                problem.reason(), problem.message(), clock.instant());
        writeStatus(template, status);
        listener.unusable(templateName(template), problem.reason());
        if (changed(previous, status, TemplateStatuses.FAILED)) {
            events.record(template, EventReason.SYNC_FAILED, problem.message());
            LOG.warnf("CoderTemplate cannot be synced: reason=%s message=%s", problem.reason(), problem.message());
        } else {
            LOG.debugf("CoderTemplate still cannot be synced: reason=%s", problem.reason());
        }
    }

    /** When to look again: soon while an import runs or Coder fails (with backoff), else at the next resync. */
    private void scheduleNext(String key, boolean waiting, boolean retrying) {
        if (!waiting && !retrying) {
            attempts.remove(key);
            return;
        }
        int attempt = attempts.merge(key, 1, Integer::sum);
        Duration first = waiting ? settings.importPollInitialDelay() : settings.retryInitialDelay();
        Duration cap = waiting ? settings.importPollMaxDelay() : settings.retryMaxDelay();
        Duration delay = first.multipliedBy(1L << Math.min(attempt - 1, 20));
        queue.enqueue(key, delay.compareTo(cap) > 0 ? cap : delay);
    }

    private void recordEvents(CoderTemplate template, CoderTemplateStatus previous, CoderTemplateStatus status,
            SyncOutcome outcome) {
        String before = previous.getActiveVersion() == null ? "no version" : previous.getActiveVersion().getName();
        for (StepRecord step : outcome.steps()) {
            stepEvent(template, step, outcome, before);
        }
        for (Promotion promotion : outcome.promotions()) {
            String replaced = promotion.replacedVersionName() == null ? "no version" : promotion.replacedVersionName();
            if (promotion.cause() == Promotion.Cause.RELEASE) {
                events.record(template, EventReason.PROMOTED, "Promoted release " + promotion.versionName() + " ("
                        + promotion.versionId() + "); Coder served " + replaced + " before.");
            } else if (promotion.cause() == Promotion.Cause.SELF_HEAL) {
                events.record(template, EventReason.SELF_HEALED, "Promoted release " + promotion.versionName()
                        + " back: Coder served " + replaced + ", made active by hand.");
            }
        }
        driftEvents(template, previous, status);
        if (changed(previous, status, TemplateStatuses.FAILED) && isTrue(status, TemplateStatuses.FAILED)) {
            events.record(template, EventReason.SYNC_FAILED, message(status, TemplateStatuses.FAILED));
        }
        if (outcome.dryRun() && changed(previous, status, TemplateStatuses.SYNCED)
                && "DryRun".equals(reason(status, TemplateStatuses.SYNCED))) {
            events.record(template, EventReason.DRY_RUN, message(status, TemplateStatuses.SYNCED));
        }
    }

    private void stepEvent(CoderTemplate template, StepRecord step, SyncOutcome outcome, String before) {
        String release = template.getSpec().getRelease().getVersionName();
        if (step.step() == SyncStep.CREATE_VERSION && outcome.tracking().versionId() != null
                && !step.detail().startsWith("name taken")) {
            events.record(template, EventReason.VERSION_CREATED, "Created template version " + step.detail()
                    + " for release " + release + " (files " + outcome.contentHash() + "); Coder serves " + before
                    + " until it is promoted.");
        } else if (step.step() == SyncStep.RENAME_VERSION) {
            events.record(template, EventReason.VERSION_RENAMED, "Renamed template version " + step.detail()
                    + ": Coder had stored it under another name.");
        } else if (step.step() == SyncStep.CREATE_TEMPLATE) {
            events.record(template, EventReason.TEMPLATE_CREATED, "Created template "
                    + template.getSpec().getTemplateName() + " in Coder from release " + release + ".");
        } else if (step.step() == SyncStep.PATCH_SETTINGS && "patched".equals(step.detail())) {
            events.record(template, EventReason.SETTINGS_PATCHED, "Patched the template's settings back to the"
                    + " declared ones.");
        }
    }

    /** A warning when drift appears that this pass is not already closing; a note when it is gone. */
    private void driftEvents(CoderTemplate template, CoderTemplateStatus previous, CoderTemplateStatus status) {
        boolean drifted = isTrue(status, TemplateStatuses.DRIFTED);
        boolean closing = "ImportRunning".equals(reason(status, TemplateStatuses.SYNCED));
        if (drifted && !closing && changed(previous, status, TemplateStatuses.DRIFTED)) {
            events.record(template, EventReason.DRIFT_DETECTED, message(status, TemplateStatuses.DRIFTED));
        } else if (!drifted && isTrue(previous, TemplateStatuses.DRIFTED)) {
            events.record(template, EventReason.DRIFT_RESOLVED, "Coder matches the release again.");
        }
    }

    /**
     * Replaces the whole status through a JSON Patch computed against the object as the API server has it now. A merge
     * patch would do for a real API server, but lists in a merge patch are not replaced by every implementation (the
     * fabric8 mock server appends them), and the conditions must never pile up.
     */
    private void writeStatus(CoderTemplate template, CoderTemplateStatus status) {
        written.put(template.getMetadata().getUid(), status);
        for (int attempt = 1;; attempt++) {
            try {
                client.resources(CoderTemplate.class).inNamespace(template.getMetadata().getNamespace())
                        .withName(template.getMetadata().getName()).editStatus(current -> {
                            current.setStatus(status);
                            return current;
                        });
                return;
            } catch (KubernetesClientException e) {
                // 409: the object changed between reading and patching it (Argo CD applied a new release); read again.
                if (e.getCode() != 409 || attempt == 3) {
                    LOG.warnf("Writing a CoderTemplate's status failed; the next look writes it again: code=%d cause=%s",
                            e.getCode(), e.getMessage());
                    return;
                }
            }
        }
    }

    private CoderTemplateStatus previousStatus(CoderTemplate template) {
        CoderTemplateStatus mine = written.get(template.getMetadata().getUid());
        if (mine != null) {
            return mine;
        }
        return template.getStatus() == null ? new CoderTemplateStatus() : template.getStatus();
    }

    private Optional<ConfigMap> configMap(String namespace, String name) {
        SharedIndexInformer<ConfigMap> informer = configMaps;
        ConfigMap cached = informer == null ? null : informer.getStore().getByKey(namespace + "/" + name);
        if (cached != null) {
            return Optional.of(cached);
        }
        return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(name).get());
    }

    private void forget(String key) {
        queue.forget(key);
        attempts.remove(key);
        importsUnderWay.remove(key);
        followers.stop(key);
    }

    /**
     * The Coder template's name, or empty for an object without a spec: the CRD does not require one, and such an object
     * must get its InvalidSpec condition rather than break the handling of the others.
     */
    private static String templateName(CoderTemplate template) {
        CoderTemplateSpec spec = template.getSpec();
        return spec == null || spec.getTemplateName() == null ? "" : spec.getTemplateName();
    }

    private static boolean changed(CoderTemplateStatus previous, CoderTemplateStatus status, String type) {
        Optional<Condition> before = TemplateStatuses.condition(previous, type);
        Optional<Condition> after = TemplateStatuses.condition(status, type);
        return before.isEmpty() || after.isEmpty() || !Objects.equals(before.get().getStatus(), after.get().getStatus())
                || !Objects.equals(before.get().getReason(), after.get().getReason())
                || !Objects.equals(before.get().getMessage(), after.get().getMessage());
    }

    static boolean isTrue(CoderTemplateStatus status, String type) {
        return TemplateStatuses.condition(status, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    private static String reason(CoderTemplateStatus status, String type) {
        return TemplateStatuses.condition(status, type).map(Condition::getReason).orElse("");
    }

    private static String message(CoderTemplateStatus status, String type) {
        return TemplateStatuses.condition(status, type).map(Condition::getMessage).orElse("");
    }

    @Override
    public void close() {
        resync.shutdownNow();
        followers.close();
        queue.close();
        if (templates != null) {
            templates.close();
        }
        if (configMaps != null) {
            configMaps.close();
        }
    }

    /** A new or changed CoderTemplate is looked at at once; a status-only change (our own write) is not. */
    private final class TemplateChanges implements ResourceEventHandler<CoderTemplate> {

        @Override
        public void onAdd(CoderTemplate template) {
            queue.enqueue(Cache.metaNamespaceKeyFunc(template), Duration.ZERO);
        }

        @Override
        public void onUpdate(CoderTemplate before, CoderTemplate after) {
            if (!Objects.equals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration())) {
                attempts.remove(Cache.metaNamespaceKeyFunc(after));
                queue.enqueue(Cache.metaNamespaceKeyFunc(after), Duration.ZERO);
            }
        }

        @Override
        public void onDelete(CoderTemplate template, boolean finalStateUnknown) {
            String key = Cache.metaNamespaceKeyFunc(template);
            forget(key);
            written.remove(template.getMetadata().getUid());
            listener.forgotten(templateName(template));
            // Another CoderTemplate held back as a duplicate of this one may sync the template now.
            enqueueTemplateNamed(templateName(template));
            LOG.infof("CoderTemplate deleted; its template stays in Coder as it is: resource=%s", key);
        }
    }

    /** A changed ConfigMap makes every CoderTemplate that takes its files from it look again. */
    private final class ConfigMapChanges implements ResourceEventHandler<ConfigMap> {

        @Override
        public void onAdd(ConfigMap configMap) {
            changed(configMap);
        }

        @Override
        public void onUpdate(ConfigMap before, ConfigMap after) {
            if (!Objects.equals(before.getData(), after.getData())
                    || !Objects.equals(before.getBinaryData(), after.getBinaryData())) {
                changed(after);
            }
        }

        @Override
        public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
            changed(configMap);
        }

        private void changed(ConfigMap configMap) {
            SharedIndexInformer<CoderTemplate> informer = templates;
            if (informer == null) {
                return;
            }
            for (CoderTemplate template : informer.getStore().list()) {
                CoderTemplateSpec.Files files = template.getSpec() == null ? null : template.getSpec().getFiles();
                if (files != null && configMap.getMetadata().getName().equals(files.getConfigMapName())) {
                    // New files make a whole pass, even while an import of the old ones runs.
                    importsUnderWay.remove(Cache.metaNamespaceKeyFunc(template));
                    queue.enqueue(Cache.metaNamespaceKeyFunc(template), Duration.ZERO);
                }
            }
        }
    }
}
