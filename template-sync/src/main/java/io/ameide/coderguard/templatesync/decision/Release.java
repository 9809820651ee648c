package io.ameide.coderguard.templatesync.decision;

import java.util.Map;

/**
 * What Git declares for one template: the version Coder must serve and the settings that must hold.
 *
 * @param versionName the release's version name, as Coder will show it
 * @param contentHash the sha256 of the packed files and the variable values, {@code sha256:<hex>}; it identifies the
 *     content
 * @param promotion whether template-sync promotes the release, or leaves that to a person
 * @param selfHeal whether drift is undone (the release promoted back, the settings patched) or only reported
 */
public record Release(String templateName, String versionName, String contentHash, TemplateSettings settings,
        Promotion promotion, boolean selfHeal, Map<String, String> provisionerTags) {

    public Release {
        settings = settings == null ? TemplateSettings.UNMANAGED : settings;
        provisionerTags = provisionerTags == null ? Map.of() : Map.copyOf(provisionerTags);
    }

    public enum Promotion {
        AUTOMATIC,
        MANUAL
    }
}
