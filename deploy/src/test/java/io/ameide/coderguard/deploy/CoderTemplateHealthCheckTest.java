package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.templatesync.coder.SyncOutcome;
import io.ameide.coderguard.templatesync.coder.SyncOutcome.Failure;
import io.ameide.coderguard.templatesync.coder.SyncOutcome.VersionRef;
import io.ameide.coderguard.templatesync.decision.Drift;
import io.ameide.coderguard.templatesync.decision.ImportStatus;
import io.ameide.coderguard.templatesync.decision.SyncAction;
import io.ameide.coderguard.templatesync.decision.SyncPlan;
import io.ameide.coderguard.templatesync.decision.Tracking;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplate;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplateStatus;
import io.ameide.coderguard.templatesync.kubernetes.TemplateStatuses;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * Argo CD's health check for CoderTemplate (argocd/), run with LuaJ as Argo CD runs it, against CoderTemplates whose
 * status template-sync's own TemplateStatuses wrote: a renamed condition or reason there changes what the check sees.
 */
class CoderTemplateHealthCheckTest {

    private static final String KEY = "resource.customizations.health." + CoderTemplate.GROUP + "_CoderTemplate";
    private static final String RELEASE = "2026.12.04-1";
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void isDeliveredAsAnArgoCdConfigMapEntryForTheCoderTemplateKind() {
        ConfigMap argocdCm = argocdCm();

        assertThat(argocdCm.getMetadata().getName()).isEqualTo("argocd-cm");
        assertThat(argocdCm.getData()).containsOnlyKeys(KEY);
        assertThat(script()).contains("\"" + TemplateStatuses.READY + "\"", "\"" + TemplateStatuses.SYNCED + "\"",
                "\"" + TemplateStatuses.DRIFTED + "\"", "\"" + TemplateStatuses.FAILED + "\"");
    }

    @Test
    void aReleaseCoderServesIsHealthy() {
        Map<String, String> health = health(template(1, after(plan(SyncAction.NONE), 1)));

        assertThat(health).containsEntry("status", "Healthy");
        assertThat(health.get("message")).contains("InSync").contains(RELEASE);
    }

    @Test
    void aReleaseThatImportsIsProgressingThoughCoderStillServesTheOldVersion() {
        CoderTemplateStatus status = after(plan(SyncAction.WAIT_FOR_IMPORT,
                new Drift(Drift.Kind.ACTIVE_VERSION_DIFFERS, "Coder active version old != release " + RELEASE)), 2);

        assertThat(TemplateStatuses.condition(status, TemplateStatuses.DRIFTED).orElseThrow().getStatus()).isEqualTo("True");
        assertThat(health(template(2, status))).containsEntry("status", "Progressing");
    }

    @Test
    void aGenerationTemplateSyncHasNotSeenYetIsProgressing() {
        Map<String, String> health = health(template(3, after(plan(SyncAction.NONE), 2)));

        assertThat(health).containsEntry("status", "Progressing");
        assertThat(health.get("message")).contains("generation 3");
    }

    @Test
    void aCoderTemplateWithoutStatusIsProgressing() {
        assertThat(health(template(1, null))).containsEntry("status", "Progressing");
    }

    @Test
    void aFailedImportIsDegradedWithCodersError() {
        CoderTemplateStatus status = after(plan(SyncAction.HOLD, new Drift(Drift.Kind.RELEASE_IMPORT_FAILED,
                "release version failed to import (" + RELEASE + " failed: terraform plan: invalid attribute)")), 1);

        Map<String, String> health = health(template(1, status));

        assertThat(health).containsEntry("status", "Degraded");
        assertThat(health.get("message")).contains("ReleaseImportFailed").contains("invalid attribute");
    }

    @Test
    void driftThatSelfHealDoesNotUndoIsDegraded() {
        CoderTemplateStatus status = after(plan(SyncAction.HOLD, new Drift(Drift.Kind.ACTIVE_VERSION_DIFFERS,
                "Coder active version by-hand != release " + RELEASE)), 1);

        assertThat(TemplateStatuses.condition(status, TemplateStatuses.FAILED).orElseThrow().getStatus()).isEqualTo("False");
        Map<String, String> health = health(template(1, status));

        assertThat(health).containsEntry("status", "Degraded");
        assertThat(health.get("message")).contains("ActiveVersionDiffers");
    }

    @Test
    void lintFindingsAreDegraded() {
        CoderTemplateStatus status = TemplateStatuses.after(new CoderTemplateStatus(), 1L,
                outcome(null, Optional.of(new Failure(Failure.Kind.LINT, "SECRET_LITERAL main.tf:12", false))), NOW, 10);

        assertThat(health(template(1, status))).containsEntry("status", "Degraded");
    }

    @Test
    void aMissingConfigMapIsDegraded() {
        CoderTemplateStatus status = TemplateStatuses.unusable(new CoderTemplateStatus(), 1L, "ConfigMapMissing",
                "ConfigMap coder-guardrails/devcontainer-template-files with the template's files does not exist", NOW);

        Map<String, String> health = health(template(1, status));

        assertThat(health).containsEntry("status", "Degraded");
        assertThat(health.get("message")).contains("ConfigMapMissing");
    }

    @Test
    void coderUnavailableIsProgressingWhileTemplateSyncRetries() {
        CoderTemplateStatus status = TemplateStatuses.after(new CoderTemplateStatus(), 1L,
                outcome(null, Optional.of(new Failure(Failure.Kind.CODER_UNAVAILABLE, "Coder answered 503", true))), NOW, 10);

        Map<String, String> health = health(template(1, status));

        assertThat(health).containsEntry("status", "Progressing");
        assertThat(health.get("message")).contains("CoderUnavailable");
    }

    @Test
    void aReleaseWaitingForAManualPromotionIsSuspended() {
        CoderTemplateStatus status = after(plan(SyncAction.AWAIT_MANUAL_PROMOTION,
                new Drift(Drift.Kind.ACTIVE_VERSION_DIFFERS, "Coder active version old != release " + RELEASE)), 1);

        assertThat(health(template(1, status))).containsEntry("status", "Suspended");
    }

    private static CoderTemplateStatus after(SyncPlan plan, long generation) {
        return TemplateStatuses.after(new CoderTemplateStatus(), generation, outcome(plan, Optional.empty()), NOW, 10);
    }

    private static SyncPlan plan(SyncAction action, Drift... drift) {
        return new SyncPlan(action, "version-1", List.of(drift));
    }

    private static SyncOutcome outcome(SyncPlan plan, Optional<Failure> failure) {
        VersionRef release = new VersionRef("version-1", RELEASE, plan != null && plan.action() == SyncAction.WAIT_FOR_IMPORT
                ? ImportStatus.RUNNING
                : ImportStatus.SUCCEEDED);
        return new SyncOutcome(plan, List.of(), Tracking.NONE, List.of(), List.of(), "sha256:00", Optional.empty(),
                Optional.of(release), failure, false, OptionalInt.empty());
    }

    private static CoderTemplate template(long generation, CoderTemplateStatus status) {
        CoderTemplate template = new CoderTemplate();
        template.setMetadata(new ObjectMetaBuilder().withName("devcontainer").withNamespace("coder-guardrails")
                .withGeneration(generation).build());
        template.setStatus(status);
        return template;
    }

    /** The check's answer for the object as Argo CD hands it over: its JSON as a Lua table named obj. */
    private static Map<String, String> health(CoderTemplate template) {
        JsonNode json = new ObjectMapper().valueToTree(template);
        if (template.getStatus() == null) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("status");
        }
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", lua(json));
        LuaValue hs = globals.load(script(), "codertemplate-health.lua").call();
        return Map.of("status", hs.get("status").tojstring(), "message", hs.get("message").tojstring());
    }

    private static LuaValue lua(JsonNode node) {
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            node.properties().forEach(field -> table.set(field.getKey(), lua(field.getValue())));
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, lua(node.get(i)));
            }
            return table;
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
    }

    private static String script() {
        return argocdCm().getData().get(KEY);
    }

    private static ConfigMap argocdCm() {
        JsonNode manifest = Manifests
                .document(Readmes.read(DeployTree.root().resolve("argocd/argocd-cm-codertemplate-health.yaml")));
        return (ConfigMap) StrictKubernetesModel.read(manifest);
    }
}
