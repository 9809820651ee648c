package io.ameide.coderguard.templatesync.decision;

/**
 * Something in the template files that must be fixed before the release reaches Coder.
 *
 * @param file the file, or empty for a finding about the files as a whole
 * @param line the 1-based line, or 0
 * @param message what is wrong, never the secret value itself
 */
public record LintFinding(Rule rule, String file, int line, String message) {

    public enum Rule {
        /** A token, key or password written as a literal: every template user can read template files. */
        SECRET_LITERAL,
        /** A container image not pinned by digest ({@code @sha256:…}). */
        IMAGE_NOT_PINNED,
        /** A resource the platform requires is missing. */
        REQUIRED_RESOURCE_MISSING,
        /** No Terraform file at all: Coder cannot import it. */
        NO_TERRAFORM,
        /**
         * A variable without a default that the release gives no value: Coder would refuse the import
         * ({@code REQUIRED_TEMPLATE_VARIABLES}).
         */
        VARIABLE_WITHOUT_VALUE,
        /** A value for a variable the files do not declare: a misspelt name would leave the real one at its default. */
        UNDECLARED_VARIABLE,
        /** A variable declared twice in the template's top-level files: Terraform refuses it. */
        VARIABLE_DECLARED_TWICE
    }

    @Override
    public String toString() {
        return rule + " " + (file.isEmpty() ? "" : file + (line > 0 ? ":" + line : "") + " ") + message;
    }
}
