package io.ameide.coderguard.sandbox;

import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.sandbox.TemplateRecords.ImportJob;
import io.ameide.coderguard.sandbox.TemplateRecords.JobLog;
import io.ameide.coderguard.sandbox.TemplateRecords.LogFollower;
import io.ameide.coderguard.sandbox.TemplateRecords.Template;
import io.ameide.coderguard.sandbox.TemplateRecords.Version;

/**
 * The stand-in's templates, template versions, uploaded files and import jobs, behind one lock, with the handles a
 * test uses to set the scene: seed a template as Coder holds it, choose how the next imports end, and act as a person
 * would in Coder's dashboard (promote another version, push one with the CLI).
 * <p>
 * Import jobs do not queue behind workspace builds: each runs for the import duration on its own, unless its outcome
 * keeps it pending, as in a Coder whose provisioners match none of its tags. A job logs Coder's stages as it runs (its
 * error last when it fails), and those following its log are told when it ends, as Coder's log stream tells them by
 * closing.
 */
public final class StandInTemplates {

    /** The one organization the stand-in has, as Coder CE has one: reachable by id, by name, or as {@code default}. */
    public static final String ORGANIZATION_ID = Ids.derived("organization", "coder");
    public static final String ORGANIZATION_NAME = "coder";
    static final int BUILT_IN_PROVISIONERS = 3;

    private static final System.Logger LOG = System.getLogger(StandInTemplates.class.getName());
    private static final String[] ADJECTIVES = {"eager", "happy", "brave", "calm", "quirky"};
    private static final String[] SCIENTISTS = {"lamport", "turing", "hopper", "liskov", "knuth"};

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final StandInUser user;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final Map<String, Version> versions = new LinkedHashMap<>();
    private final Map<String, String> filesBySha = new HashMap<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private final Deque<ImportOutcome> outcomes = new ArrayDeque<>();
    private final Map<String, Map<String, String>> variableValues = new HashMap<>();
    private final Map<String, List<JobLog>> logs = new HashMap<>();
    private final Map<String, List<LogFollower>> followers = new HashMap<>();
    private long lastLogId;
    private int randomNames;
    private volatile Duration importDuration = Duration.ofMillis(200);

    StandInTemplates(Clock clock, ScheduledExecutorService scheduler, StandInUser user) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.user = user;
    }

    /** How long each import created from now on runs before it ends; imports under way keep their end. */
    public void importDuration(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("an import duration cannot be negative");
        }
        importDuration = duration;
    }

    /** How the next imports created through the API end, in order; after these, imports succeed. */
    public synchronized void nextImports(ImportOutcome... next) {
        outcomes.addAll(List.of(next));
    }

    /**
     * Stores the next {@code count} versions created through the API under a random name (e.g. {@code eager_lamport3})
     * whatever name they were sent with, as case 10 of the team's cases observed: a client that tracks versions by
     * name then loses them.
     */
    public synchronized void nameNextVersionsRandomly(int count) {
        randomNames = count;
    }

    /** Puts a template with its versions into the stand-in; {@code activeVersionName} names one of them. */
    public synchronized String seedTemplate(String name, String id, List<TemplateVersionSeed> seeds,
            String activeVersionName) {
        String templateId = id == null ? Ids.random() : Ids.normalize(id);
        String activeId = null;
        for (TemplateVersionSeed seed : seeds) {
            Version version = seeded(seed, templateId);
            versions.put(version.id(), version);
            activeId = seed.name().equals(activeVersionName) ? version.id() : activeId;
        }
        if (activeId == null) {
            throw new IllegalArgumentException("no seeded version is named " + activeVersionName);
        }
        Instant now = clock.instant();
        templates.put(templateId, new Template(templateId, ORGANIZATION_ID, name, name, "", "", activeId, 0, 3_600_000,
                false, now, now));
        return templateId;
    }

    /** Makes another version active as a person would in Coder's dashboard; Coder's own rules apply. */
    public synchronized void promoteByHand(String templateName, String versionName) {
        Template template = templateNamed(templateName).orElseThrow();
        Version version = versionNamed(template.id(), versionName).orElseThrow();
        if (version.job().status() != JobStatus.SUCCEEDED) {
            throw new IllegalStateException("Coder promotes only versions whose import succeeded");
        }
        templates.put(template.id(), template.withActive(version.id(), clock.instant()));
    }

    /** A version pushed with {@code coder templates push --activate=false}: imported, not active. */
    public synchronized String pushByHand(String templateName, String versionName, String message) {
        Template template = templateNamed(templateName).orElseThrow();
        Version version = seeded(TemplateVersionSeed.succeeded(versionName, message, clock.instant()), template.id());
        versions.put(version.id(), version);
        return version.id();
    }

    /** Changes a template's autostop TTL as a person would in the dashboard. */
    public synchronized void setDefaultTtlByHand(String templateName, Duration ttl) {
        Template t = templateNamed(templateName).orElseThrow();
        templates.put(t.id(), new Template(t.id(), t.organizationId(), t.name(), t.displayName(), t.description(),
                t.icon(), t.activeVersionId(), ttl.toMillis(), t.activityBumpMs(), t.deprecated(), t.createdAt(),
                clock.instant()));
    }

    /** The name of the template's active version, if the template exists. */
    public synchronized Optional<String> activeVersionName(String templateName) {
        return templateNamed(templateName).map(t -> versions.get(t.activeVersionId()).name());
    }

    /** The names of the template's versions, oldest first, archived ones included. */
    public synchronized List<String> versionNames(String templateName) {
        return templateNamed(templateName).map(t -> versionsOf(t.id(), true).stream().map(Version::name).toList())
                .orElse(List.of());
    }

    /** The template variable values a version was created with ({@code user_variable_values}); empty when none. */
    public synchronized Map<String, String> variableValues(String templateName, String versionName) {
        return templateNamed(templateName).flatMap(t -> versionNamed(t.id(), versionName))
                .map(v -> variableValues.getOrDefault(v.id(), Map.of())).orElse(Map.of());
    }

    /** The template's settings as Coder would report them: default TTL and activity bump. */
    public synchronized Optional<Duration> defaultTtl(String templateName) {
        return templateNamed(templateName).map(t -> Duration.ofMillis(t.defaultTtlMs()));
    }

    // The API's side, used by TemplateApi.

    synchronized Optional<Template> template(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    synchronized Optional<Template> templateNamed(String name) {
        return templates.values().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    synchronized Optional<Version> version(String id) {
        return Optional.ofNullable(versions.get(id));
    }

    synchronized Optional<Version> versionNamed(String templateId, String name) {
        return versions.values().stream()
                .filter(v -> templateId.equals(v.templateId()) && v.name().equals(name))
                .findFirst();
    }

    /** Oldest first by creation time, then id, as Coder orders them. */
    synchronized List<Version> versionsOf(String templateId, boolean includeArchived) {
        return versions.values().stream()
                .filter(v -> templateId.equals(v.templateId()) && (includeArchived || !v.archived()))
                .sorted(Comparator.comparing(Version::createdAt).thenComparing(Version::id))
                .toList();
    }

    /** The version's import log, oldest line first; empty when the version is unknown or its job has not started. */
    synchronized List<JobLog> logs(String versionId) {
        return List.copyOf(logs.getOrDefault(versionId, List.of()));
    }

    /**
     * Tells the follower every line the version's job logged, then each new one, then that the job ended: at once when
     * it has ended already. Answers how to stop following, or empty when the version is unknown.
     */
    synchronized Optional<Runnable> follow(String versionId, LogFollower follower) {
        Version version = versions.get(versionId);
        if (version == null) {
            return Optional.empty();
        }
        logs.getOrDefault(versionId, List.of()).forEach(follower::line);
        if (version.job().status().isTerminal()) {
            follower.ended();
            return Optional.of(() -> {
            });
        }
        followers.computeIfAbsent(versionId, id -> new ArrayList<>()).add(follower);
        return Optional.of(() -> unfollow(versionId, follower));
    }

    /** How many log streams are following a job that has not ended: streams a client opened and has not left. */
    public synchronized int logFollowers() {
        return followers.values().stream().mapToInt(List::size).sum();
    }

    private synchronized void unfollow(String versionId, LogFollower follower) {
        List<LogFollower> following = followers.get(versionId);
        if (following != null && following.remove(follower) && following.isEmpty()) {
            followers.remove(versionId);
        }
    }

    /** Stores the bytes once per content, as Coder deduplicates uploads by sha256; true when they were new. */
    synchronized Map.Entry<String, Boolean> upload(byte[] bytes) {
        String sha = sha256(bytes);
        String existing = filesBySha.get(sha);
        if (existing != null) {
            return Map.entry(existing, false);
        }
        String id = Ids.random();
        filesBySha.put(sha, id);
        files.put(id, bytes.clone());
        return Map.entry(id, true);
    }

    synchronized boolean hasFile(String id) {
        return files.containsKey(id);
    }

    /** A new version whose import job is pending; its outcome is the next one a test chose. */
    synchronized Version createVersion(String templateId, String name, String message, String fileId,
            Map<String, String> tags, Map<String, String> variables) {
        Instant now = clock.instant();
        String stored = name == null || name.isEmpty() || randomNames > 0 ? randomName() : name;
        randomNames = Math.max(0, randomNames - 1);
        ImportOutcome outcome = outcomes.isEmpty() ? ImportOutcome.SUCCEED : outcomes.poll();
        Map<String, String> jobTags = new LinkedHashMap<>(tags);
        jobTags.put("scope", "organization");
        jobTags.put("owner", "");
        ImportJob job = new ImportJob(Ids.random(), JobStatus.PENDING, now, null, null, "", jobTags, fileId);
        int matched = outcome.kind() == ImportOutcome.Kind.STAY_PENDING ? 0 : BUILT_IN_PROVISIONERS;
        Version version = new Version(Ids.random(), templateId, ORGANIZATION_ID, stored, message == null ? "" : message,
                now, now, false, job, matched, user.username());
        versions.put(version.id(), version);
        variableValues.put(version.id(), Map.copyOf(variables));
        if (outcome.kind() != ImportOutcome.Kind.STAY_PENDING) {
            scheduleImport(version.id(), outcome);
        }
        return version;
    }

    synchronized Template createTemplate(Template template, String versionId) {
        templates.put(template.id(), template);
        Version version = versions.get(versionId);
        versions.put(versionId, version.withTemplate(template.id(), clock.instant()));
        return template;
    }

    synchronized void replace(Template template) {
        templates.put(template.id(), template);
    }

    synchronized void replace(Version version) {
        versions.put(version.id(), version);
    }

    private void scheduleImport(String versionId, ImportOutcome outcome) {
        try {
            scheduler.execute(() -> guarded(() -> startImport(versionId)));
            scheduler.schedule(() -> guarded(() -> finishImport(versionId, outcome.error())), importDuration.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The stand-in is closing; the job stays where it is.
        }
    }

    private synchronized void startImport(String versionId) {
        Version version = versions.get(versionId);
        if (version != null && version.job().status() == JobStatus.PENDING) {
            versions.put(versionId, version.withJob(version.job().started(clock.instant()), clock.instant()));
            log(versionId, "info", "Setting up", "");
            log(versionId, "info", "Parsing template parameters", "");
        }
    }

    private synchronized void finishImport(String versionId, String error) {
        Version version = versions.get(versionId);
        if (version != null && version.job().status().isActive()) {
            if (error == null) {
                log(versionId, "info", "Detecting persistent resources", "");
                log(versionId, "info", "Detecting ephemeral resources", "");
            } else {
                log(versionId, "error", "Parsing template parameters", error);
            }
            log(versionId, "info", "Cleaning Up", "");
            versions.put(versionId, version.withJob(version.job().finished(error, clock.instant()), clock.instant()));
            List<LogFollower> told = followers.remove(versionId);
            if (told != null) {
                told.forEach(LogFollower::ended);
            }
        }
    }

    private void log(String versionId, String level, String stage, String output) {
        JobLog line = new JobLog(++lastLogId, clock.instant(), level, stage, output);
        logs.computeIfAbsent(versionId, id -> new ArrayList<>()).add(line);
        followers.getOrDefault(versionId, List.of()).forEach(f -> f.line(line));
    }

    private Version seeded(TemplateVersionSeed seed, String templateId) {
        String id = seed.id() == null ? Ids.random() : Ids.normalize(seed.id());
        Map<String, String> tags = new LinkedHashMap<>(seed.tags());
        tags.putIfAbsent("scope", "organization");
        tags.putIfAbsent("owner", "");
        boolean done = seed.status().isTerminal();
        Instant started = seed.status() == JobStatus.PENDING ? null : seed.createdAt();
        ImportJob job = new ImportJob(Ids.random(), seed.status(), seed.createdAt(), started,
                done ? seed.createdAt() : null, seed.error() == null ? "" : seed.error(), tags, null);
        return new Version(id, templateId, ORGANIZATION_ID, seed.name(), seed.message() == null ? "" : seed.message(),
                seed.createdAt(), seed.createdAt(), false, job, seed.matchedProvisioners(), user.username());
    }

    private String randomName() {
        return ADJECTIVES[random.nextInt(ADJECTIVES.length)] + "_" + SCIENTISTS[random.nextInt(SCIENTISTS.length)]
                + random.nextInt(10);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Import simulation step failed", e);
        }
    }

    /** For {@link ArrayList} users that need the templates in creation order, e.g. a list endpoint. */
    synchronized List<Template> templates() {
        return new ArrayList<>(templates.values());
    }
}
