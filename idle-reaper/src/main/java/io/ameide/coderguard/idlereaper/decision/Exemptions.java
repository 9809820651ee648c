package io.ameide.coderguard.idlereaper.decision;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ameide.coderguard.common.coder.model.Workspace;

/**
 * Static exemptions from configuration, matched the way Coder matches names: case-insensitively, because Coder stores
 * user, workspace and template names lower-cased.
 *
 * @param owners usernames whose workspaces are never stopped
 * @param workspaces workspaces never stopped, as {@code owner/name}, or a bare {@code name} for that name under any owner
 * @param templates template names whose workspaces are never stopped
 */
public record Exemptions(Set<String> owners, Set<String> workspaces, Set<String> templates) {

    public static final Exemptions NONE = new Exemptions(Set.of(), Set.of(), Set.of());

    public Exemptions {
        owners = normalise(owners);
        workspaces = normalise(workspaces);
        templates = normalise(templates);
    }

    public static Exemptions of(Collection<String> owners, Collection<String> workspaces, Collection<String> templates) {
        return new Exemptions(Set.copyOf(owners), Set.copyOf(workspaces), Set.copyOf(templates));
    }

    /** Every exemption of either: a workspace is exempt under the union when it is exempt under {@code a} or {@code b}. */
    public static Exemptions union(Exemptions a, Exemptions b) {
        return new Exemptions(Stream.concat(a.owners.stream(), b.owners.stream()).collect(Collectors.toSet()),
                Stream.concat(a.workspaces.stream(), b.workspaces.stream()).collect(Collectors.toSet()),
                Stream.concat(a.templates.stream(), b.templates.stream()).collect(Collectors.toSet()));
    }

    /** The words of the exemption that matches the workspace, or empty when none does. */
    public Optional<String> match(Workspace workspace) {
        String owner = lower(workspace.ownerName());
        String name = lower(workspace.name());
        if (owner != null && owners.contains(owner)) {
            return Optional.of("owner " + owner + " is exempt");
        }
        if (name != null && (workspaces.contains(name) || workspaces.contains(owner + "/" + name))) {
            return Optional.of("workspace " + workspace.displayName() + " is exempt");
        }
        String template = lower(workspace.templateName());
        if (template != null && templates.contains(template)) {
            return Optional.of("template " + template + " is exempt");
        }
        return Optional.empty();
    }

    private static Set<String> normalise(Set<String> names) {
        return names.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Exemptions::lower)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
