package io.ameide.coderguard.policyguard;

import io.ameide.coderguard.policyguard.report.PolicyReport;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * policy-guard's classes that Jackson maps where Quarkus cannot see it, registered for reflection so that a native
 * executable keeps them: {@link PolicyReport} with its nested {@code Summary}, {@code Result}, {@code ResourceRef} and
 * {@code Timestamp}, which the fabric8 client reads and writes. The kubernetes-client extension registers PolicyReport
 * itself only weakly and without fields (it is a KubernetesResource, not a CustomResource), and not its nested classes,
 * which Jackson reads through their public fields.
 * <p>
 * Nothing else needs it: the policy file is read as a JSON tree and built by hand ({@code PolicyParser}), the audit and
 * the API write maps of strings, and the manifests the audit reads are fabric8's model classes, which the extension
 * registers. Common's classes are registered by common. {@code NativeReflectionTest} fails when a class mapped this way
 * is missing here.
 */
@RegisterForReflection(targets = PolicyReport.class)
public final class NativeImageReflection {

    private NativeImageReflection() {
    }
}
