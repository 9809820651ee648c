package io.ameide.coderguard.common.coder.model;

/** A value for a template variable, as a version is created with it: Coder's {@code codersdk.VariableValue}. */
public record VariableValue(String name, String value) {
}
