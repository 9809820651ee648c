package io.ameide.coderguard.common;

import io.ameide.coderguard.common.coder.model.AppStatus;
import io.ameide.coderguard.common.coder.model.CoderError;
import io.ameide.coderguard.common.coder.model.CreateTemplateRequest;
import io.ameide.coderguard.common.coder.model.CreateTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.CreateWorkspaceBuildRequest;
import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.MatchedProvisioners;
import io.ameide.coderguard.common.coder.model.PatchTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.ProvisionerJob;
import io.ameide.coderguard.common.coder.model.Template;
import io.ameide.coderguard.common.coder.model.TemplateVersion;
import io.ameide.coderguard.common.coder.model.Transition;
import io.ameide.coderguard.common.coder.model.UpdateActiveTemplateVersion;
import io.ameide.coderguard.common.coder.model.UpdateTemplateMeta;
import io.ameide.coderguard.common.coder.model.UploadResponse;
import io.ameide.coderguard.common.coder.model.VariableValue;
import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.common.coder.model.WorkspaceBuild;
import io.ameide.coderguard.common.coder.model.WorkspacesResponse;
import io.ameide.coderguard.common.http.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The classes of common that Jackson maps where Quarkus cannot see it, registered for reflection so that a native
 * executable keeps their constructors, accessors and fields (with their nested classes, such as
 * {@code CoderError.Validation}).
 * <ul>
 * <li>Coder's wire model: the {@code CoderClient} reads and writes it with {@code CoderJson}'s own mapper, which no
 * Quarkus extension knows of. Enums are here too: Jackson reads the {@code @JsonProperty} names of their constants
 * reflectively.</li>
 * <li>{@link Problem}: the entity of {@code Response}s, whose type Quarkus REST cannot know at build time.</li>
 * </ul>
 * The services' tests ({@code NativeReflectionTest}) fail when a class mapped this way is missing here.
 */
@RegisterForReflection(targets = {AppStatus.class, CoderError.class, CreateTemplateRequest.class,
        CreateTemplateVersionRequest.class, CreateWorkspaceBuildRequest.class, JobStatus.class, MatchedProvisioners.class,
        PatchTemplateVersionRequest.class, ProvisionerJob.class, Template.class, TemplateVersion.class, Transition.class,
        UpdateActiveTemplateVersion.class, UpdateTemplateMeta.class, UploadResponse.class, VariableValue.class,
        Workspace.class, WorkspaceBuild.class, WorkspacesResponse.class, Problem.class})
public final class NativeImageReflection {

    private NativeImageReflection() {
    }
}
