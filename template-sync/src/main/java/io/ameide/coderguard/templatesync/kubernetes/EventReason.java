package io.ameide.coderguard.templatesync.kubernetes;

/** The reasons of the Events template-sync writes on a CoderTemplate, each with its Event type. */
public enum EventReason {

    VERSION_CREATED("VersionCreated", "Normal"),
    TEMPLATE_CREATED("TemplateCreated", "Normal"),
    VERSION_RENAMED(
            "VersionRenamed", "Normal"),
    PROMOTED("Promoted", "Normal"),
    SELF_HEALED("SelfHealed", "Normal"),
    SETTINGS_PATCHED(
            "SettingsPatched", "Normal"),
    DRIFT_DETECTED("DriftDetected", "Warning"),
    DRIFT_RESOLVED("DriftResolved",
            "Normal"),
    SYNC_FAILED("SyncFailed", "Warning"),
    DRY_RUN("DryRun", "Normal");

    private final String reason;
    private final String type;

    EventReason(String reason, String type) {
        this.reason = reason;
        this.type = type;
    }

    public String reason() {
        return reason;
    }

    public String type() {
        return type;
    }
}
