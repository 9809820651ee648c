package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PrinterColumn;

/** What the idle-reaper made of a {@link WorkspaceExemption}; written by the reaper only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkspaceExemptionStatus {

    @JsonPropertyDescription("Active, Expired or Invalid.")
    @PrinterColumn(name = "State")
    private String state;

    @JsonPropertyDescription("Whether the exemption is in force.")
    private Boolean active;

    @JsonPropertyDescription("Until when the reaper honours the exemption: spec.expiresAt, or earlier when capped.")
    private String effectiveUntil;

    @JsonPropertyDescription("Why the exemption is in force or not, in words.")
    private String message;

    public WorkspaceExemptionStatus() {
    }

    WorkspaceExemptionStatus(String state, boolean active, String effectiveUntil, String message) {
        this.state = state;
        this.active = active;
        this.effectiveUntil = effectiveUntil;
        this.message = message;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Boolean getActive() {
        return active;
    }

    public void setActive(Boolean active) {
        this.active = active;
    }

    public String getEffectiveUntil() {
        return effectiveUntil;
    }

    public void setEffectiveUntil(String effectiveUntil) {
        this.effectiveUntil = effectiveUntil;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkspaceExemptionStatus that && Objects.equals(state, that.state)
                && Objects.equals(active, that.active) && Objects.equals(effectiveUntil, that.effectiveUntil)
                && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, active, effectiveUntil, message);
    }
}
