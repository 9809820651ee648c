package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * What a {@link WorkspaceExemption} exempts, why, and until when. Names are matched as Coder stores them,
 * case-insensitively.
 */
public class WorkspaceExemptionSpec {

    @JsonPropertyDescription("Coder usernames whose workspaces are not stopped.")
    private List<String> owners = new ArrayList<>();

    @JsonPropertyDescription("Workspaces not stopped, as owner/name, or a bare name for that name under any owner.")
    private List<String> workspaces = new ArrayList<>();

    @JsonPropertyDescription("Template names whose workspaces are not stopped.")
    private List<String> templates = new ArrayList<>();

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Why these workspaces may stay up while idle, in words a reader of the reaper's log understands.")
    private String reason;

    @Required
    @JsonPropertyDescription("When the exemption ends, as an RFC 3339 time (2026-12-11T18:00:00Z). The reaper honours it for"
            + " at most its configured maximum (7 days by default) after the object was created.")
    @PrinterColumn(name = "Expires")
    private String expiresAt;

    public List<String> getOwners() {
        return owners;
    }

    public void setOwners(List<String> owners) {
        this.owners = owners;
    }

    public List<String> getWorkspaces() {
        return workspaces;
    }

    public void setWorkspaces(List<String> workspaces) {
        this.workspaces = workspaces;
    }

    public List<String> getTemplates() {
        return templates;
    }

    public void setTemplates(List<String> templates) {
        this.templates = templates;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }
}
