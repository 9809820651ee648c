package io.ameide.coderguard.sandbox;

import java.time.Instant;
import java.util.Map;

import io.ameide.coderguard.common.coder.model.JobStatus;

/** The stand-in's templates and versions as it holds them; immutable, replaced on every change. */
final class TemplateRecords {

    private TemplateRecords() {
    }

    record Template(String id, String organizationId, String name, String displayName, String description, String icon,
            String activeVersionId, long defaultTtlMs, long activityBumpMs, boolean deprecated, Instant createdAt,
            Instant updatedAt) {

        Template withActive(String versionId, Instant now) {
            return new Template(id, organizationId, name, displayName, description, icon, versionId, defaultTtlMs,
                    activityBumpMs, deprecated, createdAt, now);
        }
    }

    record ImportJob(String id, JobStatus status, Instant createdAt, Instant startedAt, Instant completedAt,
            String error, Map<String, String> tags, String fileId) {

        ImportJob started(Instant now) {
            return new ImportJob(id, JobStatus.RUNNING, createdAt, now, null, "", tags, fileId);
        }

        ImportJob finished(String failure, Instant now) {
            JobStatus status = failure == null ? JobStatus.SUCCEEDED : JobStatus.FAILED;
            return new ImportJob(id, status, createdAt, startedAt == null ? now : startedAt, now,
                    failure == null ? "" : failure, tags, fileId);
        }
    }

    /** One line of an import job's log, as Coder's {@code codersdk.ProvisionerJobLog}. */
    record JobLog(long id, Instant createdAt, String level, String stage, String output) {
    }

    /** Someone following a job's log, as Coder's log stream does: told each line, then that the job ended. */
    interface LogFollower {

        void line(JobLog log);

        void ended();
    }

    /**
     * @param templateId null while the version waits for its template to be created from it
     * @param matchedProvisioners how many provisioners could take the import; 0 keeps it pending
     */
    record Version(String id, String templateId, String organizationId, String name, String message, Instant createdAt,
            Instant updatedAt, boolean archived, ImportJob job, int matchedProvisioners, String createdBy) {

        Version withTemplate(String newTemplateId, Instant now) {
            return new Version(id, newTemplateId, organizationId, name, message, createdAt, now, archived, job,
                    matchedProvisioners, createdBy);
        }

        Version withJob(ImportJob newJob, Instant now) {
            return new Version(id, templateId, organizationId, name, message, createdAt, now, archived, newJob,
                    matchedProvisioners, createdBy);
        }

        Version renamed(String newName, String newMessage, Instant now) {
            return new Version(id, templateId, organizationId, newName, newMessage, createdAt, now, archived, job,
                    matchedProvisioners, createdBy);
        }
    }
}
