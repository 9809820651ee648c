package io.ameide.coderguard.templatesync.kubernetes;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import io.ameide.coderguard.common.time.Durations;
import io.ameide.coderguard.templatesync.coder.SyncRequest;
import io.ameide.coderguard.templatesync.decision.Release;
import io.ameide.coderguard.templatesync.decision.TemplateSettings;
import io.ameide.coderguard.templatesync.decision.Tracking;
import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * A CoderTemplate read into a sync request, or the reason it cannot be: a missing ConfigMap, an unreadable duration,
 * an unknown promotion policy. The API server checks the CRD's schema, but an object applied before a schema change,
 * or edited with validation off, must still get a readable answer rather than a crash.
 */
record DesiredTemplate(Optional<SyncRequest> request, Optional<Problem> problem) {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    record Problem(String reason, String message) {
    }

    static DesiredTemplate read(CoderTemplate template, Tracking tracking,
            BiFunction<String, String, Optional<ConfigMap>> configMaps) {
        CoderTemplateSpec spec = template.getSpec();
        if (spec == null || blank(spec.getTemplateName()) || spec.getRelease() == null
                || blank(spec.getRelease().getVersionName()) || spec.getFiles() == null
                || blank(spec.getFiles().getConfigMapName())) {
            return problem("InvalidSpec", "spec.templateName, spec.release.versionName and spec.files.configMapName"
                    + " are required");
        }
        Release.Promotion promotion;
        TemplateSettings settings;
        try {
            promotion = promotion(spec.getPromotion());
            settings = settings(spec.getSettings());
            variables(spec.getVariables());
            provisionerTags(spec.getProvisionerTags());
        } catch (IllegalArgumentException e) {
            return problem("InvalidSpec", e.getMessage());
        }
        String namespace = template.getMetadata().getNamespace();
        String configMapName = spec.getFiles().getConfigMapName();
        Optional<ConfigMap> configMap = configMaps.apply(namespace, configMapName);
        if (configMap.isEmpty()) {
            return problem("ConfigMapMissing", "ConfigMap " + namespace + "/" + configMapName
                    + " with the template's files does not exist");
        }
        Map<String, byte[]> files;
        try {
            files = TemplateFiles.read(configMap.get());
        } catch (IllegalArgumentException e) {
            return problem("FilesUnreadable", "ConfigMap " + configMapName + ": " + e.getMessage());
        }
        return new DesiredTemplate(Optional.of(new SyncRequest(spec.getTemplateName(), spec.getRelease().getVersionName(),
                spec.getRelease().getGitRevision(), settings, promotion, spec.isSelfHeal(), spec.getProvisionerTags(),
                spec.getVariables(), files, tracking)), Optional.empty());
    }

    private static Release.Promotion promotion(String value) {
        if (value == null || value.equals("Automatic")) {
            return Release.Promotion.AUTOMATIC;
        }
        if (value.equals("Manual")) {
            return Release.Promotion.MANUAL;
        }
        throw new IllegalArgumentException("spec.promotion must be Automatic or Manual, was \"" + value + "\"");
    }

    /** Terraform's identifier rules; a value may be empty but not missing. */
    private static void variables(Map<String, String> variables) {
        if (variables == null) {
            return;
        }
        variables.forEach((name, value) -> {
            if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("spec.variables: \"" + name + "\" is no Terraform variable name");
            }
            if (value == null) {
                throw new IllegalArgumentException("spec.variables." + name + " has no value");
            }
        });
    }

    /** A tag without a value cannot be matched by a provisioner; the map may be missing. */
    private static void provisionerTags(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        tags.forEach((name, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("spec.provisionerTags." + name + " has no value");
            }
        });
    }

    private static TemplateSettings settings(CoderTemplateSpec.Settings s) {
        if (s == null) {
            return TemplateSettings.UNMANAGED;
        }
        return new TemplateSettings(s.getDisplayName(), s.getDescription(), s.getIcon(),
                duration("spec.settings.defaultTtl", s.getDefaultTtl()),
                duration("spec.settings.activityBump", s.getActivityBump()));
    }

    private static Duration duration(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    static DesiredTemplate problem(String reason, String message) {
        return new DesiredTemplate(Optional.empty(), Optional.of(new Problem(reason, message)));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
