package io.ameide.coderguard.templatesync.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.ameide.coderguard.templatesync.kubernetes.CoderTemplate;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplateSpec;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplateStatus;

/**
 * One CoderTemplate as the read API shows it: what Git declares and what template-sync found and did.
 *
 * @param status the object's status as template-sync last wrote it; null before the first pass
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateView(String namespace, String name, String templateName, String release, String promotion,
        boolean selfHeal, CoderTemplateStatus status) {

    static TemplateView of(CoderTemplate template) {
        // An object without a spec (the CRD does not require one) is listed with its InvalidSpec status.
        var spec = template.getSpec() == null ? new CoderTemplateSpec() : template.getSpec();
        return new TemplateView(template.getMetadata().getNamespace(), template.getMetadata().getName(),
                spec.getTemplateName(), spec.getRelease() == null ? null : spec.getRelease().getVersionName(),
                spec.getPromotion(), spec.isSelfHeal(), template.getStatus());
    }

    static List<TemplateView> of(List<CoderTemplate> templates) {
        return templates.stream().map(TemplateView::of).toList();
    }
}
