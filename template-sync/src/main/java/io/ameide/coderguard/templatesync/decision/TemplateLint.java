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
 * The release's values for the template's variables are checked with the files: every variable without a default
 * needs one (Coder refuses the import otherwise), every value must name a declared variable, and a value is held to the
 * same credential shapes as the files, since every template user can read it too.
 * <p>
 * The checks read Terraform as text, line by line, which is enough for the assignments they look for; a value built
 * by interpolation ({@code "${var.token}"}) or read from a variable or data source is not a literal and passes.
 * Variables are read from the top-level {@code .tf} files only (those of the root module, the only ones Coder sets), by
 * their {@code variable "name"} block and a {@code default} directly inside it.
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
    private static final Pattern VARIABLE = Pattern.compile("^\\s*variable\\s+\"([A-Za-z0-9_-]+)\"\\s*\\{");
    private static final Pattern DEFAULT = Pattern.compile("^\\s*default\\s*=");
    /** A default on the block's first line: {@code variable "x" { default = "y" }}. */
    private static final Pattern INLINE_DEFAULT = Pattern.compile("^[^{]*\\bdefault\\s*=");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/");
    private static final Pattern LINE_COMMENT = Pattern.compile("#|//");
    /** A heredoc's opening, {@code <<EOT} or {@code <<-EOT}: the lines up to {@code EOT} are text. */
    private static final Pattern HEREDOC = Pattern.compile("<<-?([A-Za-z_][A-Za-z0-9_]*)\\s*$");

    private final List<String> requiredResources;

    /**
     * @param requiredResources resource types that must each appear at least once; an entry may list alternatives
     *     separated by {@code |} (e.g. {@code kubernetes_deployment|kubernetes_deployment_v1})
     */
    public TemplateLint(List<String> requiredResources) {
        this.requiredResources = List.copyOf(requiredResources);
    }

    /** Every finding of files released without variable values. */
    public List<LintFinding> lint(Map<String, byte[]> files) {
        return lint(files, Map.of());
    }

    /** Every finding, ordered by file and line, then the variables'; empty when the release may be pushed. */
    public List<LintFinding> lint(Map<String, byte[]> files, Map<String, String> variables) {
        List<LintFinding> findings = new ArrayList<>();
        List<String> resources = new ArrayList<>();
        Map<String, Declared> declared = new TreeMap<>();
        boolean terraform = false;
        for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
            if (TarPack.isLeftOut(file.getKey())) {
                continue;
            }
            terraform |= file.getKey().endsWith(".tf") || file.getKey().endsWith(".tf.json");
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            lintFile(file.getKey(), text, findings, resources);
            if (isRootModule(file.getKey()) && file.getKey().endsWith(".tf")) {
                declare(file.getKey(), text, declared, findings);
            }
        }
        lintVariables(declared, variables, findings);
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

    /**
     * Coder sets the variables of the root module, the files at the top of the template; a local module's variables
     * ({@code modules/home/variables.tf}) are set by its {@code module} block.
     */
    private static boolean isRootModule(String path) {
        return !path.contains("/");
    }

    /** Adds the file's variables; Terraform refuses a second declaration of a name, so that is a finding. */
    private static void declare(String path, String text, Map<String, Declared> declared, List<LintFinding> findings) {
        for (Variable variable : variables(text)) {
            Declared first = declared.putIfAbsent(variable.name(),
                    new Declared(path, variable.line(), variable.hasDefault()));
            if (first != null) {
                findings.add(new LintFinding(Rule.VARIABLE_DECLARED_TWICE, path, variable.line(), "variable "
                        + variable.name() + " is declared again, first at " + first.file() + ":" + first.line()
                        + "; Coder would refuse the import"));
            }
        }
    }

    private static void lintVariables(Map<String, Declared> declared, Map<String, String> values,
            List<LintFinding> findings) {
        declared.forEach((name, variable) -> {
            if (!variable.hasDefault() && !values.containsKey(name)) {
                findings.add(new LintFinding(Rule.VARIABLE_WITHOUT_VALUE, "", 0, "variable " + name + " has no default"
                        + " and the release gives it no value (spec.variables); Coder would refuse the import"));
            }
        });
        new TreeMap<>(values).forEach((name, value) -> {
            if (!declared.containsKey(name)) {
                findings.add(new LintFinding(Rule.UNDECLARED_VARIABLE, "", 0, "spec.variables." + name
                        + " names no variable the template declares"));
            }
            if (SECRET_SHAPE.matcher(value).find()) {
                findings.add(new LintFinding(Rule.SECRET_LITERAL, "", 0, "spec.variables." + name
                        + " holds a credential; every template user can read it"));
            }
        });
    }

    /**
     * The variables a file declares, in order, each with its line and whether it has a default: a {@code default} line
     * directly inside its block. Braces in strings ({@code "[a-f0-9]{64}"}), heredocs and comments are not counted, and
     * CRLF line ends read as LF.
     */
    static List<Variable> variables(String text) {
        List<Variable> variables = new ArrayList<>();
        String current = null;
        int declaredAt = 0;
        boolean hasDefault = false;
        String heredoc = null;
        int depth = 0;
        String[] lines = text.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (heredoc != null) {
                heredoc = line.strip().equals(heredoc) ? null : heredoc;
                continue;
            }
            String rest = line;
            Matcher variable = VARIABLE.matcher(line);
            if (current == null && variable.find()) {
                current = variable.group(1);
                declaredAt = i + 1;
                rest = line.substring(variable.end());
                hasDefault = INLINE_DEFAULT.matcher(code(rest)).find();
                depth = 1;
            } else if (current != null && depth == 1 && DEFAULT.matcher(line).find()) {
                hasDefault = true;
            }
            String code = code(rest);
            Matcher opening = HEREDOC.matcher(code);
            heredoc = opening.find() ? opening.group(1) : null;
            depth += count(code, '{') - count(code, '}');
            if (current != null && depth <= 0) {
                variables.add(new Variable(current, declaredAt, hasDefault));
                current = null;
            }
        }
        if (current != null) {
            variables.add(new Variable(current, declaredAt, hasDefault));
        }
        return variables;
    }

    /** The line as code: strings emptied, comments dropped. */
    private static String code(String line) {
        String code = BLOCK_COMMENT.matcher(STRING.matcher(line).replaceAll("\"\"")).replaceAll(" ");
        Matcher comment = LINE_COMMENT.matcher(code);
        return comment.find() ? code.substring(0, comment.start()) : code;
    }

    /** A variable block of one file. */
    record Variable(String name, int line, boolean hasDefault) {
    }

    /** Where a variable of the template was first declared. */
    private record Declared(String file, int line, boolean hasDefault) {
    }

    private static int count(String text, char wanted) {
        return (int) text.chars().filter(c -> c == wanted).count();
    }

    /** An empty string or an interpolation is not a literal secret or image. */
    private static boolean isLiteral(String value) {
        return !value.isEmpty() && !value.contains("${");
    }
}
