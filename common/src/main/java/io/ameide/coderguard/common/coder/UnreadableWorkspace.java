package io.ameide.coderguard.common.coder;

/**
 * A workspace in a list response that could not be read (a malformed timestamp, a wrong type). It is reported rather
 * than dropped, and never acted on: a workspace the services cannot read is a workspace they cannot judge.
 *
 * @param id the workspace id, when at least that could be read
 * @param name the workspace name, when at least that could be read
 * @param problem what was wrong, naming the field
 */
public record UnreadableWorkspace(String id, String name, String problem) {
}
