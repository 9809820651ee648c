package io.ameide.coderguard.templatesync.decision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the real-world cases in {@code src/test/resources/cases/} (copied from the team's case collection) into the
 * decision's plain values.
 */
public final class CaseFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseFiles() {
    }

    public static JsonNode read(String name) {
        try (InputStream in = CaseFiles.class.getResourceAsStream("/cases/" + name + ".json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String expected(String name) {
        try (InputStream in = CaseFiles.class.getResourceAsStream("/cases/" + name + ".expected.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Instant now(JsonNode testCase) {
        return Instant.parse(testCase.path("now").asText());
    }

    /** The case's templates with their versions; a case with one {@code template} gives a list of one. */
    public static Map<String, ObservedTemplate> templates(JsonNode testCase) {
        JsonNode coder = testCase.path("coder");
        List<JsonNode> templates = new ArrayList<>();
        coder.path("templates").forEach(templates::add);
        if (coder.has("template")) {
            templates.add(coder.path("template"));
        }
        Map<String, ObservedTemplate> byName = new LinkedHashMap<>();
        for (JsonNode template : templates) {
            String id = template.path("id").asText();
            List<ObservedVersion> versions = new ArrayList<>();
            for (JsonNode version : coder.path("template_versions")) {
                String owner = version.path("template_id").asText(id);
                if (owner.equals(id)) {
                    versions.add(version(version));
                }
            }
            byName.put(template.path("name").asText(),
                    new ObservedTemplate(id, template.path("active_version_id").asText(), TemplateSettings.UNMANAGED,
                            versions));
        }
        return byName;
    }

    public static ObservedVersion version(JsonNode version) {
        JsonNode job = version.path("job");
        Map<String, String> tags = new LinkedHashMap<>();
        job.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        String created = job.path("created_at").asText(version.path("created_at").asText(null));
        JsonNode matched = version.path("matched_provisioners");
        return new ObservedVersion(version.path("id").asText(), version.path("name").asText(),
                version.path("message").asText(""), ImportStatus.valueOf(job.path("status").asText().toUpperCase()),
                created == null ? null : Instant.parse(created), job.path("error").asText(""),
                matched.isMissingNode() ? -1 : matched.path("count").asInt(), tags);
    }
}
