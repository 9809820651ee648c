package io.ameide.coderguard.sandbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.ameide.coderguard.common.coder.model.CoderError.Validation;

/**
 * Coder's workspace search ({@code q} of {@code GET /api/v2/workspaces}, {@code searchquery.Workspaces}).
 * <p>
 * The query is lower-cased as a whole, then split at spaces outside double quotes. A term with a {@code :} is a
 * {@code key:value} pair; a term may hold only one {@code :} outside quotes, which is why timestamps must be
 * quoted ({@code last_used_before:"2026-12-04T14:00:00Z"}). The terms without a key are joined with spaces into
 * one name search, or {@code owner/name}. Every filter must hold. An unknown key is a 400 naming the key.
 * <p>
 * Keys: {@code id} (comma-separated UUIDs), {@code owner} (username or {@code me}), {@code template} (exact
 * name), {@code name} (substring), {@code status}, {@code dormant}, {@code outdated}, {@code organization} (id
 * or name), {@code last_used_before} and {@code last_used_after} (RFC 3339, exclusive). Coder's other keys,
 * about agents, parameters, AI tasks and sharing, are refused with a 400 that says the stand-in lacks them,
 * rather than ignored.
 */
final class WorkspaceSearch {

    static final String INVALID = "Invalid workspace search query.";

    private static final Set<String> STATUSES = Set.of("pending", "starting", "running", "stopping",
            "stopped", "failed", "canceling", "canceled", "deleting", "deleted");
    private static final String STATUS_LIST = String.join(", ", new TreeSet<>(STATUSES));
    private static final Set<String> NOT_MODELLED = Set.of("has-agent", "healthy", "param", "has-ai-task",
            "has_external_agent", "shared", "shared_with_user", "shared_with_group");
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT);

    private final Map<String, List<String>> values;
    private final StandInUser requester;
    private final Set<String> used = new HashSet<>();
    private final List<Validation> problems = new ArrayList<>();
    private final List<Predicate<WorkspaceRecord>> filters = new ArrayList<>();

    private WorkspaceSearch(Map<String, List<String>> values, StandInUser requester) {
        this.values = values;
        this.requester = requester;
    }

    /**
     * @param filter every condition of the query; all workspaces when the query is empty
     * @param problems the validations of a 400 answer; empty when the query is valid
     */
    record Result(Predicate<WorkspaceRecord> filter, List<Validation> problems) {
    }

    static Result parse(String query, StandInUser requester) {
        if (query == null || query.isBlank()) {
            return new Result(workspace -> true, List.of());
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String element : elements(split(query.toLowerCase(Locale.ROOT), ' ', true))) {
            Validation problem = addTerm(element, values);
            if (problem != null) {
                return new Result(workspace -> false, List.of(problem));
            }
        }
        return new WorkspaceSearch(values, requester).build();
    }

    private Result build() {
        identityFilters();
        nameFilters();
        stateFilters();
        usageFilters();
        for (String key : values.keySet()) {
            if (!used.contains(key)) {
                String detail = NOT_MODELLED.contains(key)
                        ? "\"" + key + "\" is a Coder search key the stand-in does not model"
                        : "\"" + key + "\" is not a valid query param";
                problems.add(new Validation(key, detail));
            }
        }
        Predicate<WorkspaceRecord> all = filters.stream().reduce(workspace -> true, Predicate::and);
        return new Result(all, List.copyOf(problems));
    }

    private void identityFilters() {
        String ids = take("id");
        if (ids != null) {
            Set<String> wanted = uuids(ids);
            filters.add(workspace -> wanted.contains(workspace.id()));
        }
        String owner = take("owner");
        if (owner != null) {
            String username = owner.equals("me") ? requester.username().toLowerCase(Locale.ROOT) : owner;
            filters.add(workspace -> workspace.info().ownerName().toLowerCase(Locale.ROOT).equals(username));
        }
        String organization = take("organization");
        if (organization != null) {
            filters.add(workspace -> workspace.info().organizationId().equals(organization)
                    || workspace.info().organizationName().toLowerCase(Locale.ROOT).equals(organization));
        }
    }

    /** The template matches by exact name, in every organization; the workspace name matches any part. */
    private void nameFilters() {
        String template = take("template");
        if (template != null) {
            filters.add(workspace -> workspace.info().templateName().toLowerCase(Locale.ROOT).equals(template));
        }
        String name = take("name");
        if (name != null) {
            filters.add(workspace -> workspace.info().name().toLowerCase(Locale.ROOT).contains(name));
        }
    }

    private void stateFilters() {
        String status = take("status");
        if (status != null && !STATUSES.contains(status)) {
            problems.add(new Validation("status", "Query param \"status\" has invalid value: \"" + status
                    + "\" is not one of " + STATUS_LIST));
        } else if (status != null) {
            filters.add(workspace -> workspace.latestBuild().status().equals(status));
        }
        // dormant:false is no filter at all in Coder: it only ever narrows to dormant workspaces.
        if (Boolean.TRUE.equals(bool("dormant"))) {
            filters.add(workspace -> workspace.info().dormantAt() != null);
        }
        Boolean outdated = bool("outdated");
        if (outdated != null) {
            filters.add(workspace -> workspace.isOutdated() == outdated);
        }
    }

    private void usageFilters() {
        Instant after = time("last_used_after");
        if (after != null) {
            filters.add(workspace -> workspace.lastUsedAt().isAfter(after));
        }
        Instant before = time("last_used_before");
        if (before != null) {
            filters.add(workspace -> workspace.lastUsedAt().isBefore(before));
        }
    }

    private String take(String key) {
        used.add(key);
        List<String> given = values.get(key);
        return given == null ? null : given.get(0);
    }

    /** Go's {@code strconv.ParseBool} on a lower-cased value. */
    private Boolean bool(String key) {
        String text = take(key);
        if (text == null) {
            return null;
        }
        switch (text) {
            case "1", "t", "true" :
                return Boolean.TRUE;
            case "0", "f", "false" :
                return Boolean.FALSE;
            default :
                problems.add(new Validation(key, "Query param \"" + key + "\" must be a valid boolean."));
                return null;
        }
    }

    private Instant time(String key) {
        String text = take(key);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(
                    new Validation(key, "Query param \"" + key + "\" must be an RFC 3339 timestamp, was \""
                            + text + "\"."));
            return null;
        }
    }

    private Set<String> uuids(String text) {
        Set<String> ids = new HashSet<>();
        for (String id : text.split(",")) {
            if (Ids.isUuid(id.trim())) {
                ids.add(Ids.normalize(id.trim()));
            } else {
                problems.add(new Validation("id",
                        "Query param \"id\" must be a comma-separated list of UUIDs, has \"" + id
                                + "\"."));
            }
        }
        return ids;
    }

    /** Adds one term to the values, or says why the query is malformed. */
    private static Validation addTerm(String element, Map<String, List<String>> values) {
        if (element.startsWith(":") || element.endsWith(":")) {
            return new Validation("q", "Query element \"" + element + "\" cannot start or end with ':'");
        }
        List<String> parts = split(element, ':', false);
        if (parts.size() == 2) {
            values.computeIfAbsent(parts.get(0), key -> new ArrayList<>()).add(parts.get(1));
            return null;
        }
        if (parts.size() > 2) {
            return new Validation("q", "Query element \"" + element + "\" can only contain 1 ':'");
        }
        List<String> ownerAndName = split(element, '/', false);
        if (ownerAndName.size() > 2) {
            return new Validation("q", "Query element \"" + element + "\" can only contain 1 '/'");
        }
        if (ownerAndName.size() == 2) {
            values.computeIfAbsent("owner", key -> new ArrayList<>()).add(ownerAndName.get(0));
        }
        values.computeIfAbsent("name", key -> new ArrayList<>()).add(ownerAndName.get(ownerAndName.size() - 1));
        return null;
    }

    /** Terms with a key stay apart; the words without one are joined into a single name search, last. */
    private static List<String> elements(List<String> tokens) {
        List<String> elements = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (String token : tokens) {
            (token.indexOf(':') >= 0 ? elements : words).add(token);
        }
        if (!words.isEmpty()) {
            elements.add(String.join(" ", words));
        }
        return elements;
    }

    /** Splits at a delimiter outside double quotes, dropping empty parts; quotes around parts go unless kept. */
    private static List<String> split(String text, char delimiter, boolean keepQuotes) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == delimiter && !quoted) {
                flush(part, parts, keepQuotes);
            } else {
                part.append(c);
            }
        }
        flush(part, parts, keepQuotes);
        return parts;
    }

    private static void flush(StringBuilder part, List<String> parts, boolean keepQuotes) {
        if (part.length() > 0) {
            String text = part.toString();
            parts.add(keepQuotes ? text : stripQuotes(text));
            part.setLength(0);
        }
    }

    private static String stripQuotes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '"') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '"') {
            end--;
        }
        return text.substring(start, end);
    }
}
