package io.ameide.coderguard.templatesync.coder;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Template;
import io.ameide.coderguard.common.coder.model.TemplateVersion;
import io.ameide.coderguard.templatesync.decision.ImportStatus;
import io.ameide.coderguard.templatesync.decision.ObservedTemplate;
import io.ameide.coderguard.templatesync.decision.ObservedVersion;
import io.ameide.coderguard.templatesync.decision.TemplateSettings;

/**
 * What Coder holds for one template, read fresh and turned into the decision's values.
 *
 * @param raw the template as Coder sent it, needed to patch its settings without resetting the others
 * @param template the template with its versions, archived ones included
 * @param tracked the version template-sync created for the release, read by id
 */
record CoderObservation(Optional<Template> raw, Optional<ObservedTemplate> template, Optional<ObservedVersion> tracked) {

    static CoderObservation read(CoderClient coder, String organization, String templateName, String trackedId) {
        Optional<Template> raw = coder.findTemplate(organization, templateName);
        List<ObservedVersion> versions = raw.map(t -> coder.listTemplateVersions(t.id()))
                .orElse(List.of())
                .stream()
                .map(CoderObservation::version)
                .toList();
        Optional<ObservedTemplate> template = raw
                .map(t -> new ObservedTemplate(t.id(), t.activeVersionId(), settings(t), versions));
        Optional<ObservedVersion> tracked = Optional.empty();
        if (trackedId != null) {
            // Read by id only while it belongs to no template yet (created ahead of its template); a version of a
            // template since deleted cannot make a new one.
            tracked = versions.stream().filter(v -> v.id().equals(trackedId)).findFirst()
                    .or(() -> coder.getTemplateVersion(trackedId).filter(v -> v.templateId() == null)
                            .map(CoderObservation::version));
        }
        return new CoderObservation(raw, template, tracked);
    }

    static ObservedVersion version(TemplateVersion v) {
        var job = v.job();
        return new ObservedVersion(v.id(), v.name() == null ? "" : v.name(), v.message(), status(v.importStatus()),
                job != null && job.createdAt() != null ? job.createdAt() : v.createdAt(),
                job == null ? "" : job.error(), v.matchedProvisioners() == null ? -1 : v.matchedProvisioners().count(),
                job == null ? null : job.tags());
    }

    static TemplateSettings settings(Template t) {
        return new TemplateSettings(t.displayName(), t.description(), t.icon(),
                t.defaultTtlMs() == null ? null : Duration.ofMillis(t.defaultTtlMs()),
                t.activityBumpMs() == null ? null : Duration.ofMillis(t.activityBumpMs()));
    }

    private static ImportStatus status(JobStatus status) {
        return switch (status) {
            case PENDING -> ImportStatus.PENDING;
            case RUNNING -> ImportStatus.RUNNING;
            case SUCCEEDED -> ImportStatus.SUCCEEDED;
            case FAILED -> ImportStatus.FAILED;
            case CANCELING -> ImportStatus.CANCELING;
            case CANCELED -> ImportStatus.CANCELED;
            case UNKNOWN -> ImportStatus.UNKNOWN;
        };
    }
}
