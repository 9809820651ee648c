package io.ameide.coderguard.templatesync.coder;

import java.util.Map;
import java.util.TreeMap;

import io.ameide.coderguard.templatesync.decision.Release;
import io.ameide.coderguard.templatesync.decision.TemplateSettings;
import io.ameide.coderguard.templatesync.decision.Tracking;

/**
 * One template's desired state as read from its custom resource and ConfigMap, with what template-sync remembers.
 *
 * @param files the template's files by path, as the ConfigMap holds them
 * @param gitRevision the Git revision of the release, for the version's message; may be empty
 * @param variables values for the template's variables, by name
 */
public record SyncRequest(String templateName, String versionName, String gitRevision, TemplateSettings settings,
        Release.Promotion promotion, boolean selfHeal, Map<String, String> provisionerTags, Map<String, String> variables,
        Map<String, byte[]> files, Tracking tracking) {

    public SyncRequest {
        files = new TreeMap<>(files);
        provisionerTags = provisionerTags == null ? Map.of() : Map.copyOf(provisionerTags);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        tracking = tracking == null ? Tracking.NONE : tracking;
        settings = settings == null ? TemplateSettings.UNMANAGED : settings;
        gitRevision = gitRevision == null ? "" : gitRevision;
    }

    Release release(String contentHash) {
        return new Release(templateName, versionName, contentHash, settings, promotion, selfHeal, provisionerTags);
    }
}
