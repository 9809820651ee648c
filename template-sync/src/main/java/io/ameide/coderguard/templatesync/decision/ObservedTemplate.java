package io.ameide.coderguard.templatesync.decision;

import java.util.List;
import java.util.Optional;

/**
 * A template as Coder holds it, with its versions (oldest first, archived ones included).
 *
 * @param activeVersionId the version Coder serves to new workspaces
 */
public record ObservedTemplate(String id, String activeVersionId, TemplateSettings settings,
        List<ObservedVersion> versions) {

    public ObservedTemplate {
        versions = List.copyOf(versions);
    }

    public Optional<ObservedVersion> version(String versionId) {
        return versions.stream().filter(v -> v.id().equals(versionId)).findFirst();
    }

    public Optional<ObservedVersion> versionNamed(String name) {
        return versions.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public Optional<ObservedVersion> activeVersion() {
        return activeVersionId == null ? Optional.empty() : version(activeVersionId);
    }
}
