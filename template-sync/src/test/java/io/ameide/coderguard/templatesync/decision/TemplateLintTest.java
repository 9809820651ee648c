package io.ameide.coderguard.templatesync.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.templatesync.decision.LintFinding.Rule;

class TemplateLintTest {

    private static final TemplateLint LINT = new TemplateLint(
            List.of("coder_agent", "kubernetes_deployment|kubernetes_deployment_v1"));
    private static final String CLEAN = """
            resource "coder_agent" "main" {
              os = "linux"
            }
            resource "kubernetes_deployment_v1" "main" {
              image    = "codercom/example-base@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
              password = var.db_password
              token    = "${coder_agent.main.token}"
            }
            """;

    @Test
    void passesATemplateWithPinnedImagesNoLiteralSecretsAndTheRequiredResources() {
        assertThat(LINT.lint(files(CLEAN))).isEmpty();
    }

    @Test
    void findsSecretLiteralsWithoutRepeatingTheirValues() {
        String leaky = CLEAN + """
                locals {
                  db_password = "hunter2-very-secret"
                  # api_token = "commented out"
                }
                variable "x" { default = "ghp_abcdefghijklmnopqrstuvwxyz0123456789AB" }
                """;

        List<LintFinding> findings = LINT.lint(files(leaky));

        assertThat(findings).extracting(LintFinding::rule, LintFinding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.SECRET_LITERAL, 10),
                        org.assertj.core.groups.Tuple.tuple(Rule.SECRET_LITERAL, 13));
        assertThat(findings).allSatisfy(f -> assertThat(f.toString()).doesNotContain("hunter2", "ghp_"));
    }

    @Test
    void findsImagesPinnedByTagOnly() {
        String tagged = CLEAN.replace("codercom/example-base@sha256:0123456789abcdef0123456789abcdef0123456789abcdef"
                + "0123456789abcdef", "codercom/example-base:ubuntu");

        assertThat(LINT.lint(files(tagged))).singleElement()
                .satisfies(f -> assertThat(f.toString()).isEqualTo(
                        "IMAGE_NOT_PINNED main.tf:5 image codercom/example-base:ubuntu is not pinned by digest (@sha256:…)"));
    }

    @Test
    void findsMissingRequiredResourcesAndAMissingTerraformFile() {
        List<LintFinding> findings = LINT.lint(Map.of("README.md", bytes("# hello")));

        assertThat(findings).extracting(LintFinding::rule).containsExactly(Rule.NO_TERRAFORM,
                Rule.REQUIRED_RESOURCE_MISSING, Rule.REQUIRED_RESOURCE_MISSING);
        assertThat(findings.get(2).message())
                .isEqualTo("no resource of type kubernetes_deployment or kubernetes_deployment_v1");
    }

    @Test
    void aVariableWithoutDefaultNeedsAValueFromTheRelease() {
        String needy = CLEAN + """
                variable "envbuilder_image" {
                  type = string
                  validation {
                    condition     = can(regex("^[^@]+@sha256:[a-f0-9]{64}$", var.envbuilder_image))
                    error_message = "pin it { by digest"
                  }
                }
                variable "namespace" {
                  default = "coder-workspaces"
                }
                variable "inline" { default = "x" }
                """;

        List<LintFinding> withoutValue = LINT.lint(files(needy));
        List<LintFinding> withValue = LINT.lint(files(needy),
                Map.of("envbuilder_image", "ghcr.io/coder/envbuilder@sha256:" + "ab".repeat(32)));

        assertThat(withoutValue).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.VARIABLE_WITHOUT_VALUE);
            assertThat(f.message()).startsWith("variable envbuilder_image has no default");
        });
        assertThat(withValue).isEmpty();
    }

    @Test
    void aValueForAVariableTheFilesDoNotDeclareOrShapedLikeACredentialIsAFinding() {
        String declaring = CLEAN + "variable \"namespace\" {\n  default = \"a\"\n}\n";

        List<LintFinding> findings = LINT.lint(files(declaring),
                Map.of("namspace", "b", "namespace", "ghp_abcdefghijklmnopqrstuvwxyz0123456789AB"));

        assertThat(findings).extracting(LintFinding::rule).containsExactly(Rule.SECRET_LITERAL,
                Rule.UNDECLARED_VARIABLE);
        assertThat(findings.get(1).message()).isEqualTo("spec.variables.namspace names no variable the template declares");
        assertThat(findings).allSatisfy(f -> assertThat(f.toString()).doesNotContain("ghp_"));
    }

    @Test
    void aVariableOfALocalModuleIsNoneTheReleaseMustSet() {
        String root = CLEAN + "module \"home\" {\n  source = \"./modules/home\"\n  size = \"10Gi\"\n}\n";
        Map<String, byte[]> files = Map.of("main.tf", bytes(root), "modules/home/variables.tf",
                bytes("variable \"size\" {\n  type = string\n}\n"));

        List<LintFinding> withoutValue = LINT.lint(files);
        List<LintFinding> withValue = LINT.lint(files, Map.of("size", "20Gi"));

        assertThat(withoutValue).isEmpty();
        assertThat(withValue).extracting(LintFinding::rule).containsExactly(Rule.UNDECLARED_VARIABLE);
    }

    @Test
    void aHeredocOrACommentWithBracesInAVariableBlockHidesNeitherItsDefaultNorTheNextVariable() {
        String documented = CLEAN + """
                variable "namespace" {
                  description = <<-EOT
                    Where workspaces run; a { opens here and closes nowhere.
                  EOT
                  default = "coder-workspaces"
                }
                variable "envbuilder_image" { # pinned, see the runbook {
                  type = string
                }
                variable "cache_repo" {
                  type = string /* { */
                }
                variable "registry" {
                  default = "ghcr.io" // }
                }
                """;

        List<LintFinding> findings = LINT.lint(files(documented),
                Map.of("envbuilder_image", "ghcr.io/coder/envbuilder@sha256:" + "ab".repeat(32), "cache_repo", ""));

        assertThat(findings).isEmpty();
    }

    @Test
    void aFileWithWindowsLineEndingsIsReadAsWithUnixOnes() {
        String unix = CLEAN.replace("codercom/example-base@sha256:0123456789abcdef0123456789abcdef0123456789abcdef"
                + "0123456789abcdef", "codercom/example-base:ubuntu") + """
                        variable "namespace" {
                          default = "coder-workspaces"
                        }
                        variable "envbuilder_image" {
                          type = string
                        }
                        """;

        List<LintFinding> findings = LINT.lint(files(unix.replace("\n", "\r\n")), Map.of("namspace", "x"));

        assertThat(findings).isEqualTo(LINT.lint(files(unix), Map.of("namspace", "x")));
        assertThat(findings).extracting(LintFinding::toString).containsExactly(
                "IMAGE_NOT_PINNED main.tf:5 image codercom/example-base:ubuntu is not pinned by digest (@sha256:…)",
                "VARIABLE_WITHOUT_VALUE variable envbuilder_image has no default and the release gives it no value"
                        + " (spec.variables); Coder would refuse the import",
                "UNDECLARED_VARIABLE spec.variables.namspace names no variable the template declares");
    }

    @Test
    void aVariableDeclaredTwiceIsAFindingNamingBothPlaces() {
        Map<String, byte[]> files = Map.of("main.tf", bytes(CLEAN + "variable \"namespace\" {\n  type = string\n}\n"),
                "variables.tf", bytes("variable \"namespace\" {\n  default = \"coder-workspaces\"\n}\n"));

        List<LintFinding> findings = LINT.lint(files, Map.of("namespace", "team-a"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.VARIABLE_DECLARED_TWICE);
            assertThat(f.toString()).contains("variables.tf:1", "namespace", "main.tf:9");
        });
    }

    @Test
    void acceptsTheReleaseNamesCoderAcceptsAndRefusesTheOthers() {
        assertThat(ReleaseName.problem("2025.02.14-1")).isEmpty();
        assertThat(ReleaseName.problem("v1_2.3-rc1")).isEmpty();
        assertThat(ReleaseName.problem("a".repeat(64))).isEmpty();
        assertThat(ReleaseName.problem("a".repeat(65))).get().asString().contains("at most 64");
        assertThat(ReleaseName.problem("release/1.2")).isPresent();
        assertThat(ReleaseName.problem("1..2")).isPresent();
        assertThat(ReleaseName.problem("-1")).isPresent();
        assertThat(ReleaseName.problem("")).isPresent();
        assertThat(ReleaseName.problem(null)).isPresent();
    }

    private static Map<String, byte[]> files(String mainTf) {
        return Map.of("main.tf", bytes(mainTf));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
