package io.ameide.coderguard.templatesync.decision;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ameide.coderguard.templatesync.decision.LintFinding.Rule;

/**
 * Checks template files before they reach Coder. Template files are readable by every user of the template, so a
 * secret written into them is a leak; an image without a digest can change under the same release; and the platform
 * relies on some resources being present (by default a {@code coder_agent}).
 * <p>
 * The checks read Terraform as text, line by line, which is enough for the assignments they look for; a value built
 * by interpolation ({@code "${var.token}"}) or read from a variable or data source is not a literal and passes.
 */
public final class TemplateLint {

    /** An assignment to a secret-sounding attribute: {@code password = "…"}, {@code api_token = "…"}. */
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)^\\s*\"?([a-z0-9_]*(password|passwd|secret|token|api_key|apikey|access_key|private_key)[a-z0-9_]*)\"?"
                    + "\\s*[=:]\\s*\"([^\"]*)\"");
    /** Well-known credential shapes, wherever they appear. */
    private static final Pattern SECRET_SHAPE = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----|\\bAKIA[0-9A-Z]{16}\\b|\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"
                    + "|\\bxox[abpr]-[A-Za-z0-9-]{10,}\\b|\\bglpat-[A-Za-z0-9_-]{20,}\\b");
    private static final Pattern IMAGE = Pattern.compile("^\\s*\"?image\"?\\s*[=:]\\s*\"([^\"]*)\"");
    private static final Pattern RESOURCE = Pattern.compile("^\\s*resource\\s+\"([A-Za-z0-9_]+)\"");

    private final List<String> requiredResources;

    /**
     * @param requiredResources resource types that must each appear at least once; an entry may list alternatives
     *     separated by {@code |} (e.g. {@code kubernetes_deployment|kubernetes_deployment_v1})
     */
    public TemplateLint(List<String> requiredResources) {
        this.requiredResources = List.copyOf(requiredResources);
    }

    /** Every finding, ordered by file and line; empty when the files may be pushed. */
    public List<LintFinding> lint(Map<String, byte[]> files) {
        List<LintFinding> findings = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        boolean terraform = false;
        for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
            if (TarPack.isLeftOut(file.getKey())) {
                continue;
            }
            terraform |= file.getKey().endsWith(".tf") || file.getKey().endsWith(".tf.json");
            lintFile(file.getKey(), new String(file.getValue(), StandardCharsets.UTF_8), findings, resources);
        }
        if (!terraform) {
            findings.add(new LintFinding(Rule.NO_TERRAFORM, "", 0, "the template has no .tf or .tf.json file"));
        }
        for (String required : requiredResources) {
            if (List.of(required.split("\\|")).stream().noneMatch(resources::contains)) {
                findings.add(new LintFinding(Rule.REQUIRED_RESOURCE_MISSING, "", 0,
                        "no resource of type " + required.replace("|", " or ")));
            }
        }
        return findings;
    }

    private static void lintFile(String path, String text, List<LintFinding> findings, List<String> resources) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.stripLeading().startsWith("#") || line.stripLeading().startsWith("//")) {
                continue;
            }
            Matcher resource = RESOURCE.matcher(line);
            if (resource.find()) {
                resources.add(resource.group(1));
            }
            Matcher secret = SECRET_ASSIGNMENT.matcher(line);
            if (secret.find() && isLiteral(secret.group(3))) {
                findings.add(new LintFinding(Rule.SECRET_LITERAL, path, i + 1,
                        secret.group(1) + " is set to a literal; read it from a variable or a Kubernetes Secret"));
            } else if (SECRET_SHAPE.matcher(line).find()) {
                findings.add(new LintFinding(Rule.SECRET_LITERAL, path, i + 1, "a credential is written into the file"));
            }
            Matcher image = IMAGE.matcher(line);
            if (image.find() && isLiteral(image.group(1)) && !image.group(1).contains("@sha256:")) {
                findings.add(new LintFinding(Rule.IMAGE_NOT_PINNED, path, i + 1,
                        "image " + image.group(1) + " is not pinned by digest (@sha256:…)"));
            }
        }
    }

    /** An empty string or an interpolation is not a literal secret or image. */
    private static boolean isLiteral(String value) {
        return !value.isEmpty() && !value.contains("${");
    }
}
