package io.ameide.coderguard.idlereaper.decision;

/**
 * What the reaper does with a workspace. The words are the ones the plan mode prints.
 */
public enum Verdict {
    /** Running and idle for at least the timeout: request a stop build. */
    STOP,
    /** Running and in use, or idle for less than the timeout: leave it, and look again when it would reach the timeout. */
    KEEP,
    /** Not the reaper's to stop: building, stopped, failed, a prebuild, dormant, a working task, or exempt. */
    SKIP
}
