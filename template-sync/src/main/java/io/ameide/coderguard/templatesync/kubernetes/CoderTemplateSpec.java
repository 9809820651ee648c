package io.ameide.coderguard.templatesync.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** What Git declares for one Coder template: the release Coder must serve, its files and the settings that must hold. */
public class CoderTemplateSpec {

    @Default("default")
    @JsonPropertyDescription("The Coder organization: default, an organization name or its id.")
    private String organization = "default";

    @Required
    @Pattern("^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$")
    @PrinterColumn(name = "Template")
    @JsonPropertyDescription("The template's name in Coder: letters, digits and single dashes, at most 32 characters.")
    private String templateName;

    @Required
    @JsonPropertyDescription("The release Coder must serve.")
    private Release release;

    @Required
    @JsonPropertyDescription("Where the template's files are: a ConfigMap in the same namespace, built by the chart from the template's directory.")
    private Files files;

    @JsonPropertyDescription("Template settings that must hold; an unset one is left as Coder has it.")
    private Settings settings = new Settings();

    @Default("Automatic")
    @Pattern("^(Automatic|Manual)$")
    @JsonPropertyDescription("Automatic: template-sync promotes the release once its import succeeded. Manual: a person promotes it in Coder.")
    private String promotion = "Automatic";

    @Default("true")
    @JsonPropertyDescription("Whether drift (another version made active, settings changed) is undone, or only reported.")
    private boolean selfHeal = true;

    @JsonPropertyDescription("Provisioner tags the import job needs (e.g. pool: gpu); none targets the organization's built-in provisioners.")
    private Map<String, String> provisionerTags = new LinkedHashMap<>();

    @JsonPropertyDescription("Values for the template's Terraform variables, by name, sent with the version (as coder templates push --var). A variable without a default needs one. Not for secrets: every template user can read them; use Kubernetes Secrets by name.")
    private Map<String, String> variables = new LinkedHashMap<>();

    public String getOrganization() {
        return organization;
    }

    public void setOrganization(String organization) {
        this.organization = organization;
    }

    public String getTemplateName() {
        return templateName;
    }

    public void setTemplateName(String templateName) {
        this.templateName = templateName;
    }

    public Release getRelease() {
        return release;
    }

    public void setRelease(Release release) {
        this.release = release;
    }

    public Files getFiles() {
        return files;
    }

    public void setFiles(Files files) {
        this.files = files;
    }

    public Settings getSettings() {
        return settings;
    }

    public void setSettings(Settings settings) {
        this.settings = settings;
    }

    public String getPromotion() {
        return promotion;
    }

    public void setPromotion(String promotion) {
        this.promotion = promotion;
    }

    public boolean isSelfHeal() {
        return selfHeal;
    }

    public void setSelfHeal(boolean selfHeal) {
        this.selfHeal = selfHeal;
    }

    public Map<String, String> getProvisionerTags() {
        return provisionerTags;
    }

    public void setProvisionerTags(Map<String, String> provisionerTags) {
        this.provisionerTags = provisionerTags;
    }

    public Map<String, String> getVariables() {
        return variables;
    }

    public void setVariables(Map<String, String> variables) {
        this.variables = variables;
    }

    /** The release's version. */
    public static class Release {

        @Required
        @Size(min = 1, max = 64)
        @PrinterColumn(name = "Release")
        @JsonPropertyDescription("The version's name in Coder: letters and digits separated by single '.', '_' or '-', at most 64 characters (Coder's rules).")
        private String versionName;

        @JsonPropertyDescription("The Git revision the release was rendered from; recorded in the version's message.")
        private String gitRevision;

        public String getVersionName() {
            return versionName;
        }

        public void setVersionName(String versionName) {
            this.versionName = versionName;
        }

        public String getGitRevision() {
            return gitRevision;
        }

        public void setGitRevision(String gitRevision) {
            this.gitRevision = gitRevision;
        }
    }

    /** The ConfigMap holding the template's files: each key a file name, '__' in a key standing for '/'. */
    public static class Files {

        @Required
        @Size(min = 1, max = 253)
        @JsonPropertyDescription("The ConfigMap's name, in the custom resource's namespace.")
        private String configMapName;

        public String getConfigMapName() {
            return configMapName;
        }

        public void setConfigMapName(String configMapName) {
            this.configMapName = configMapName;
        }
    }

    /** Template settings template-sync makes hold. */
    public static class Settings {

        @JsonPropertyDescription("The name Coder's dashboard shows.")
        private String displayName;

        @JsonPropertyDescription("The template's description.")
        private String description;

        @JsonPropertyDescription("The template's icon, a URL or a path Coder serves.")
        private String icon;

        @JsonPropertyDescription("The autostop TTL Coder gives new workspaces, e.g. 30m. With activityBump 30m, Coder stops a workspace about 30 minutes after its last use.")
        private String defaultTtl;

        @JsonPropertyDescription("How far activity pushes a workspace's autostop deadline, e.g. 30m; 0s turns the bump off.")
        private String activityBump;

        public String getDisplayName() {
            return displayName;
        }

        public void setDisplayName(String displayName) {
            this.displayName = displayName;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public String getIcon() {
            return icon;
        }

        public void setIcon(String icon) {
            this.icon = icon;
        }

        public String getDefaultTtl() {
            return defaultTtl;
        }

        public void setDefaultTtl(String defaultTtl) {
            this.defaultTtl = defaultTtl;
        }

        public String getActivityBump() {
            return activityBump;
        }

        public void setActivityBump(String activityBump) {
            this.activityBump = activityBump;
        }
    }
}
