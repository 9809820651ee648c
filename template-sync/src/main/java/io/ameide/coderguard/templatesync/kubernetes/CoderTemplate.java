package io.ameide.coderguard.templatesync.kubernetes;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One Coder template as Git declares it, applied by Argo CD: the release Coder must serve, the ConfigMap with its
 * files, the settings that must hold, and the promotion and self-heal policy. template-sync writes the status. The CRD
 * is generated from this class by the build ({@code target/classes/META-INF/fabric8/}).
 */
@Group(CoderTemplate.GROUP)
@Version(CoderTemplate.VERSION)
@Kind("CoderTemplate")
@Singular("codertemplate")
@Plural("codertemplates")
@ShortNames("ctpl")
public class CoderTemplate extends CustomResource<CoderTemplateSpec, CoderTemplateStatus> implements Namespaced {

    public static final String GROUP = "guardrails.ameide.io";
    public static final String VERSION = "v1alpha1";

    /** The name of the CRD, and of the file the build generates it into, before its {@code -v1.yml}. */
    public static final String CRD_NAME = "codertemplates." + GROUP;

    @Override
    protected CoderTemplateSpec initSpec() {
        return new CoderTemplateSpec();
    }

    @Override
    protected CoderTemplateStatus initStatus() {
        return new CoderTemplateStatus();
    }
}
