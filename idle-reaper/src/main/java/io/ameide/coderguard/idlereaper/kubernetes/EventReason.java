package io.ameide.coderguard.idlereaper.kubernetes;

import java.util.Locale;

/** The Events the reaper writes, each with its Kubernetes reason, type and action. */
public enum EventReason {

    /** The workspace will be stopped soon unless it is used. */
    IDLE_STOP_SCHEDULED("IdleStopScheduled", "Warning", "WarnBeforeStop"),
    /** The reaper asked Coder to stop the workspace. */
    IDLE_STOPPED("IdleStopped", "Normal", "StopWorkspace"),
    /** In dry-run: the reaper would have asked Coder to stop the workspace. */
    IDLE_STOP_DRY_RUN("IdleStopDryRun", "Normal", "StopWorkspace"),
    /** A pod runs for a workspace that Coder reports not running; nothing is deleted. */
    ORPHAN_WORKSPACE_POD("OrphanWorkspacePod", "Warning", "ReportOrphan");

    private final String reason;
    private final String type;
    private final String action;

    EventReason(String reason, String type, String action) {
        this.reason = reason;
        this.type = type;
        this.action = action;
    }

    /** The Event's {@code reason}, e.g. {@code IdleStopped}. */
    public String reason() {
        return reason;
    }

    /** The Event's {@code type}: {@code Normal} or {@code Warning}. */
    public String type() {
        return type;
    }

    /** The Event's {@code action}. */
    public String action() {
        return action;
    }

    /** The metric label value, e.g. {@code idle_stopped}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
