package io.ameide.coderguard.templatesync.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import io.ameide.coderguard.templatesync.coder.StandInSync;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** CoderTemplate objects and their ConfigMaps, as the chart renders them, for tests. */
final class CoderTemplates {

    static final String NAMESPACE = "coder";

    private CoderTemplates() {
    }

    /** The sandbox template's files as a ConfigMap, each file a key, {@code /} written {@code __}. */
    static ConfigMap filesOf(String name) {
        Map<String, String> data = new TreeMap<>();
        StandInSync.sandboxTemplate().forEach((path, bytes) -> data.put(path.replace("/", TemplateFiles.SEPARATOR),
                new String(bytes, StandardCharsets.UTF_8)));
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withData(data).build();
    }

    static CoderTemplate template(String name, String templateName, String version, String configMap) {
        CoderTemplate template = new CoderTemplate();
        template.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        CoderTemplateSpec spec = new CoderTemplateSpec();
        spec.setTemplateName(templateName);
        CoderTemplateSpec.Release release = new CoderTemplateSpec.Release();
        release.setVersionName(version);
        release.setGitRevision("4f1c9e2");
        spec.setRelease(release);
        CoderTemplateSpec.Files files = new CoderTemplateSpec.Files();
        files.setConfigMapName(configMap);
        spec.setFiles(files);
        CoderTemplateSpec.Settings settings = new CoderTemplateSpec.Settings();
        settings.setDefaultTtl("30m");
        settings.setActivityBump("30m");
        settings.setDisplayName("Kubernetes dev box");
        spec.setSettings(settings);
        template.setSpec(spec);
        return template;
    }
}
