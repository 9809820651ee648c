package io.ameide.coderguard.deploy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The part of Argo CD's {@code argoproj.io/v1alpha1} Application and AppProject that deploy/ uses, field for field as
 * Argo CD's CRDs name them. fabric8 has no model for Argo CD, so this one stands in: read strictly, a field that is not
 * here fails the build. A field deploy/ starts to use is added here after checking it in Argo CD's Application and
 * AppProject reference (argo-cd.readthedocs.io, "Declarative Setup"), not to silence the check.
 */
final class ArgoCdModel {

    static final String API_VERSION = "argoproj.io/v1alpha1";

    private ArgoCdModel() {
    }

    /** The model class for an Argo CD kind, or null when the kind is not one of Argo CD's that deploy/ uses. */
    static Class<?> modelClass(String apiVersion, String kind) {
        if (!API_VERSION.equals(apiVersion)) {
            return null;
        }
        return switch (kind) {
            case "Application" -> Application.class;
            case "AppProject" -> AppProject.class;
            default -> null;
        };
    }

    record Application(String apiVersion, String kind, ObjectMeta metadata, ApplicationSpec spec) {
    }

    record ApplicationSpec(String project, Source source, List<Source> sources, Destination destination,
            SyncPolicy syncPolicy, List<IgnoreDifference> ignoreDifferences, Long revisionHistoryLimit) {
    }

    record Source(String repoURL, String targetRevision, String path, String chart, String ref, Helm helm) {
    }

    record Helm(String releaseName, List<String> valueFiles, Map<String, Object> valuesObject,
            List<HelmParameter> parameters, Boolean ignoreMissingValueFiles, Boolean skipCrds) {
    }

    /** A Helm {@code --set}; Argo CD substitutes its build environment ({@code $ARGOCD_APP_REVISION}) in the value. */
    record HelmParameter(String name, String value, Boolean forceString) {
    }

    record Destination(String server, String name, String namespace) {
    }

    record SyncPolicy(Automated automated, List<String> syncOptions, Retry retry,
            ManagedNamespaceMetadata managedNamespaceMetadata) {
    }

    record Automated(Boolean prune, Boolean selfHeal, Boolean allowEmpty) {
    }

    record Retry(Long limit, Backoff backoff) {
    }

    record Backoff(String duration, Long factor, String maxDuration) {
    }

    record ManagedNamespaceMetadata(Map<String, String> labels, Map<String, String> annotations) {
    }

    record IgnoreDifference(String group, String kind, String name, String namespace, List<String> jsonPointers,
            List<String> jqPathExpressions, List<String> managedFieldsManagers) {
    }

    record AppProject(String apiVersion, String kind, ObjectMeta metadata, AppProjectSpec spec) {
    }

    record AppProjectSpec(String description, List<String> sourceRepos, List<Destination> destinations,
            List<GroupKind> clusterResourceWhitelist, List<GroupKind> namespaceResourceWhitelist,
            List<GroupKind> clusterResourceBlacklist, List<GroupKind> namespaceResourceBlacklist) {
    }

    record GroupKind(String group, String kind) {
    }
}
