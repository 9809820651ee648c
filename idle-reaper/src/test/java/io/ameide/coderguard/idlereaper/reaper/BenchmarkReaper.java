package io.ameide.coderguard.idlereaper.reaper;

import java.time.Duration;

import io.ameide.coderguard.sandbox.CoderStandIn;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The hand-wired reaper of {@link ReaperFixture}, opened to the benchmark in {@code idlereaper.bench}: the
 * reaper's constructor and {@code close} are package-private, and the benchmark should measure the same wiring
 * the tests use rather than a copy of it.
 */
public final class BenchmarkReaper implements AutoCloseable {

    private final ReaperFixture fixture;
    private boolean coderClosed;

    private BenchmarkReaper(ReaperFixture fixture) {
        this.fixture = fixture;
    }

    /**
     * A fresh stand-in whose jobs take {@code jobDuration}, and a reaper with these settings over the defaults.
     */
    public static BenchmarkReaper start(Duration jobDuration, String... settings) {
        return new BenchmarkReaper(ReaperFixture.start(jobDuration, settings));
    }

    public CoderStandIn coder() {
        return fixture.coder;
    }

    /** The reaper's meters, as the service would export them. */
    public MeterRegistry registry() {
        return fixture.registry;
    }

    public SweepResult sweep() {
        return fixture.reaper.sweep();
    }

    /**
     * Stops the stand-in's server and threads, leaving the reaper and the stand-in's data as they are. Its HTTP
     * threads keep buffers as large as the largest answer they sent; with them gone, the heap in use tells what
     * the reaper holds.
     */
    public void closeCoder() {
        fixture.coder.close();
        coderClosed = true;
    }

    @Override
    public void close() {
        if (coderClosed) {
            fixture.reaper.close();
        } else {
            fixture.close();
        }
    }
}
