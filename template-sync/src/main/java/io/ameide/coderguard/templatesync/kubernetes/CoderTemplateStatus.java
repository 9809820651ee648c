package io.ameide.coderguard.templatesync.kubernetes;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;

/** What template-sync found and did for a CoderTemplate; written by template-sync only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CoderTemplateStatus {

    @JsonPropertyDescription("The spec generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready, Synced, Drifted and Failed, each with a reason and a message a person understands.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The version Coder serves now.")
    private VersionRef activeVersion;

    @JsonPropertyDescription("The release's version in Coder, with its import status.")
    private VersionRef releaseVersion;

    @JsonPropertyDescription("The id Coder returned when template-sync created the release's version; versions are followed by id, not by name.")
    private String trackedVersionId;

    @JsonPropertyDescription("The release the tracked version was created for.")
    private String trackedVersionName;

    @JsonPropertyDescription("sha256 of the packed template files, also written into the version's message.")
    private String contentHash;

    @JsonPropertyDescription("The last promotion template-sync made.")
    private PromotionRecord lastPromotion;

    @JsonPropertyDescription("Recent promotions by template-sync, newest first; Coder CE keeps no audit log.")
    private List<PromotionRecord> promotionHistory = new ArrayList<>();

    @JsonPropertyDescription("What the lint found in the template's files; the release is not pushed while there are any.")
    private List<String> lintFindings = new ArrayList<>();

    @JsonPropertyDescription("Everything that differs between Coder and the release, most important first.")
    private List<String> drift = new ArrayList<>();

    @JsonPropertyDescription("Workspaces of the template on a version other than the active one (Coder CE cannot force updates).")
    private Integer outdatedWorkspaces;

    @JsonPropertyDescription("When template-sync last compared Coder with the release (RFC 3339).")
    private String lastSyncTime;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public VersionRef getActiveVersion() {
        return activeVersion;
    }

    public void setActiveVersion(VersionRef activeVersion) {
        this.activeVersion = activeVersion;
    }

    public VersionRef getReleaseVersion() {
        return releaseVersion;
    }

    public void setReleaseVersion(VersionRef releaseVersion) {
        this.releaseVersion = releaseVersion;
    }

    public String getTrackedVersionId() {
        return trackedVersionId;
    }

    public void setTrackedVersionId(String trackedVersionId) {
        this.trackedVersionId = trackedVersionId;
    }

    public String getTrackedVersionName() {
        return trackedVersionName;
    }

    public void setTrackedVersionName(String trackedVersionName) {
        this.trackedVersionName = trackedVersionName;
    }

    public String getContentHash() {
        return contentHash;
    }

    public void setContentHash(String contentHash) {
        this.contentHash = contentHash;
    }

    public PromotionRecord getLastPromotion() {
        return lastPromotion;
    }

    public void setLastPromotion(PromotionRecord lastPromotion) {
        this.lastPromotion = lastPromotion;
    }

    public List<PromotionRecord> getPromotionHistory() {
        return promotionHistory;
    }

    public void setPromotionHistory(List<PromotionRecord> promotionHistory) {
        this.promotionHistory = promotionHistory;
    }

    public List<String> getLintFindings() {
        return lintFindings;
    }

    public void setLintFindings(List<String> lintFindings) {
        this.lintFindings = lintFindings;
    }

    public List<String> getDrift() {
        return drift;
    }

    public void setDrift(List<String> drift) {
        this.drift = drift;
    }

    public Integer getOutdatedWorkspaces() {
        return outdatedWorkspaces;
    }

    public void setOutdatedWorkspaces(Integer outdatedWorkspaces) {
        this.outdatedWorkspaces = outdatedWorkspaces;
    }

    public String getLastSyncTime() {
        return lastSyncTime;
    }

    public void setLastSyncTime(String lastSyncTime) {
        this.lastSyncTime = lastSyncTime;
    }

    /** A template version in Coder. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class VersionRef {

        @JsonPropertyDescription("The version's id.")
        private String id;

        @JsonPropertyDescription("The version's name.")
        private String name;

        @JsonPropertyDescription("The import job's status: pending, running, succeeded, failed, canceling, canceled or unknown.")
        private String importStatus;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getImportStatus() {
            return importStatus;
        }

        public void setImportStatus(String importStatus) {
            this.importStatus = importStatus;
        }
    }

    /** A version template-sync made active. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PromotionRecord {

        @JsonPropertyDescription("The promoted version's id.")
        private String versionId;

        @JsonPropertyDescription("The promoted version's name.")
        private String versionName;

        @JsonPropertyDescription("When (RFC 3339).")
        private String at;

        @JsonPropertyDescription("TemplateCreated, Release or SelfHeal.")
        private String cause;

        @JsonPropertyDescription("The version that was active before, if any.")
        private String replacedVersionName;

        public String getVersionId() {
            return versionId;
        }

        public void setVersionId(String versionId) {
            this.versionId = versionId;
        }

        public String getVersionName() {
            return versionName;
        }

        public void setVersionName(String versionName) {
            this.versionName = versionName;
        }

        public String getAt() {
            return at;
        }

        public void setAt(String at) {
            this.at = at;
        }

        public String getCause() {
            return cause;
        }

        public void setCause(String cause) {
            this.cause = cause;
        }

        public String getReplacedVersionName() {
            return replacedVersionName;
        }

        public void setReplacedVersionName(String replacedVersionName) {
            this.replacedVersionName = replacedVersionName;
        }
    }
}
