package io.ameide.coderguard.idlereaper.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.WorkspaceSpec;

/**
 * The workspaces the benchmark puts into the stand-in. Random parts come from a fixed seed, so every run sees
 * the same fleet.
 */
final class Fleet {

    /** The owner whose workspaces the sweep benchmark exempts. */
    static final String EXEMPT_OWNER = "svc-ci";

    private static final long SEED = 20_251_204L;
    /** How long ago workspaces in use were last used, at most; idle ones, how much past the timeout. */
    private static final Duration IN_USE = Duration.ofMinutes(25);
    private static final Duration IDLE = Duration.ofHours(4);
    private static final Duration LONG_JOB = Duration.ofHours(1);
    private static final Duration SETTLE = Duration.ofMillis(200);
    private static final int CODER_CE_PROVISIONERS = 3;

    private Fleet() {
    }

    /**
     * How many workspaces of each kind. Only the first five are listed by {@code q=status:running}; building
     * and stopped ones are there because a real Coder holds them too, and the list must leave them out.
     */
    record Mix(int inUse, int idle, int exempt, int prebuild, int taskWorking, int building, int stopped) {

        int running() {
            return inUse + idle + exempt + prebuild + taskWorking;
        }
    }

    /**
     * 10,000 running workspaces, most in use, 5 % idle past the 30-minute default, and a few the reaper must
     * skip.
     */
    static final Mix TEN_THOUSAND = new Mix(9_200, 500, 100, 100, 100, 100, 100);

    /**
     * Adds the mix to the stand-in. Building workspaces get a start job that outlasts the benchmark, then the
     * stand-in goes back to {@code jobDuration} for the stops the reaper will request; jobs already running
     * keep their end.
     */
    static void populate(CoderStandIn coder, Mix mix, Duration idleTimeout, Duration jobDuration) {
        Instant now = coder.clock().instant();
        Random random = new Random(SEED);
        Instant idleSince = now.minus(idleTimeout).minus(Duration.ofMinutes(1));
        Instant longAgo = now.minus(Duration.ofHours(6));
        List<WorkspaceSpec> specs = new ArrayList<>();
        add(specs, mix.building(), i -> WorkspaceSpec.building(owner(i), name(i)));
        add(specs, mix.stopped(), i -> WorkspaceSpec.stopped(owner(i), name(i)));
        add(specs, mix.inUse(), i -> WorkspaceSpec.idle(owner(i), name(i), now.minus(upTo(random, IN_USE))));
        add(specs, mix.idle(), i -> WorkspaceSpec.idle(owner(i), name(i), idleSince.minus(upTo(random, IDLE))));
        add(specs, mix.exempt(), i -> WorkspaceSpec.idle(EXEMPT_OWNER, name(i), longAgo));
        add(specs, mix.prebuild(), i -> WorkspaceSpec.prebuild("kubernetes", name(i)));
        add(specs, mix.taskWorking(), i -> WorkspaceSpec.idle(owner(i), name(i), longAgo).appStatus("working"));

        // A building workspace holds a provisioner until its start job ends, in Coder as in the stand-in; these
        // hold theirs for the whole run, so each gets one on top of the three of Coder CE that the stops then
        // queue for.
        coder.provisioners(mix.building() + CODER_CE_PROVISIONERS);
        coder.jobDuration(LONG_JOB);
        coder.workspaces().addAll(specs);
        // The stand-in reads the job duration for a building workspace on its provisioner thread, a moment
        // after the add. The building ones go first and the pause lets that thread catch up; the benchmark
        // checks that the first sweep judged exactly the running part of the fleet, so a lost race shows.
        Waiting.sleep(SETTLE);
        coder.jobDuration(jobDuration);
    }

    /**
     * Adds {@code count} running workspaces that reach the idle timeout at instants spread at random over
     * {@code spread}, the first {@code lead} from now, and returns each one's threshold by id. Each was last
     * used {@code idleTimeout} before its threshold, so that instant must lie in the past: the spread and lead
     * must fit in the timeout.
     */
    static Map<String, Instant> reachingTheTimeout(CoderStandIn coder, int count, Duration idleTimeout,
            Duration lead, Duration spread) {
        if (lead.plus(spread).compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("lead plus spread must be shorter than the idle timeout");
        }
        // Milliseconds only, so the threshold the reaper computes from the JSON is exactly the one kept here.
        Instant first = coder.clock().instant().plus(lead).truncatedTo(ChronoUnit.MILLIS);
        Random random = new Random(SEED);
        Map<String, Instant> thresholds = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Instant threshold = first.plusMillis(random.nextInt((int) spread.toMillis()));
            WorkspaceSpec spec = WorkspaceSpec.idle("user-" + i, "ws-" + i, threshold.minus(idleTimeout));
            String id = coder.workspaces().add(spec);
            thresholds.put(id, threshold);
        }
        return thresholds;
    }

    private static Duration upTo(Random random, Duration limit) {
        return Duration.ofMillis((long) (random.nextDouble() * limit.toMillis()));
    }

    /** Appends {@code count} workspaces, each made from its position in the whole fleet. */
    private static void add(List<WorkspaceSpec> specs, int count, IntFunction<WorkspaceSpec> spec) {
        int first = specs.size();
        for (int i = first; i < first + count; i++) {
            specs.add(spec.apply(i));
        }
    }

    /** 2,000 owners with about five workspaces each; every name is unique. */
    private static String owner(int position) {
        return "user-" + position % 2_000;
    }

    private static String name(int position) {
        return "ws-" + position;
    }
}
