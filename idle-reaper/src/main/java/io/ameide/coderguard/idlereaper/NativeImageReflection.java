package io.ameide.coderguard.idlereaper;

import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.Reason;
import io.ameide.coderguard.idlereaper.decision.Verdict;
import io.ameide.coderguard.idlereaper.http.SweepResource;
import io.ameide.coderguard.idlereaper.reaper.StopRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The idle-reaper's classes that Jackson maps where Quarkus cannot see it, registered for reflection so that a native
 * executable keeps them:
 * <ul>
 * <li>{@link Decision} with its {@link Verdict} and {@link Reason}: written by {@code plan --json} through
 * {@code CoderJson}'s own mapper, and held by {@link StopRecord};</li>
 * <li>{@link StopRecord} and {@link SweepResource.Summary}: entities of {@code Response}s, whose type Quarkus REST cannot
 * know at build time.</li>
 * </ul>
 * What Quarkus registers by itself is not repeated: the return types of resource methods ({@code UpcomingStop}) and the
 * WorkspaceExemption custom resource with its spec and status (the kubernetes-client extension). Common's classes are
 * registered by common. {@code NativeReflectionTest} fails when a class mapped this way is missing here.
 */
@RegisterForReflection(targets = {Decision.class, Verdict.class, Reason.class, StopRecord.class,
        SweepResource.Summary.class})
public final class NativeImageReflection {

    private NativeImageReflection() {
    }
}
