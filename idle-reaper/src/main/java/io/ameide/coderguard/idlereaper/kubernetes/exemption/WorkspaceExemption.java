package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A time-bounded exemption from the idle-reaper, kept in a namespace the reaper watches: the workspaces it names are not
 * stopped until {@code spec.expiresAt}, and never longer than the reaper's cap after the object was created. The CRD is
 * generated from this class by the build ({@code target/classes/META-INF/fabric8/}).
 * <p>
 * An exemption in any watched namespace exempts matching workspaces of every owner: Coder's workspaces do not live in
 * namespaces, so who may create these objects is who may exempt, and RBAC is the only guard.
 */
@Group(WorkspaceExemption.GROUP)
@Version(WorkspaceExemption.VERSION)
@Kind("WorkspaceExemption")
@Singular("workspaceexemption")
@Plural("workspaceexemptions")
@ShortNames("wsx")
public class WorkspaceExemption extends CustomResource<WorkspaceExemptionSpec, WorkspaceExemptionStatus>
        implements
            Namespaced {

    public static final String GROUP = "guardrails.ameide.io";
    public static final String VERSION = "v1alpha1";

    /** The name of the CRD, and of the file the build generates it into, before its {@code -v1.yml}. */
    public static final String CRD_NAME = "workspaceexemptions." + GROUP;

    @Override
    protected WorkspaceExemptionSpec initSpec() {
        return new WorkspaceExemptionSpec();
    }
}
