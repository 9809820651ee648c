package io.ameide.coderguard.common.coder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.common.coder.model.Workspace;

/**
 * One page of {@code GET /api/v2/workspaces}, or all pages of a search.
 *
 * @param workspaces the workspaces that could be read, in Coder's order
 * @param unreadable the entries that could not be read, each with its problem
 * @param count Coder's total of matching workspaces when the last page was fetched
 */
public record WorkspacePage(List<Workspace> workspaces, List<UnreadableWorkspace> unreadable, int count) {

    public WorkspacePage {
        workspaces = List.copyOf(workspaces);
        unreadable = List.copyOf(unreadable);
    }

    /** How many entries the response held, readable or not. */
    public int size() {
        return workspaces.size() + unreadable.size();
    }

    /**
     * Reads the body of {@code GET /api/v2/workspaces}, or a bare array of workspaces. Each entry is read on its own: one
     * that cannot be read becomes an {@link UnreadableWorkspace} naming its problem, and the others are kept.
     *
     * @throws IOException when the body is not JSON, or holds no list of workspaces
     */
    public static WorkspacePage read(byte[] body) throws IOException {
        ObjectMapper mapper = CoderJson.mapper();
        JsonNode root = mapper.readTree(body);
        JsonNode items = root != null && root.isArray() ? root : root == null ? null : root.get("workspaces");
        if (items == null || !(items.isArray() || items.isNull())) {
            throw new IOException("expected an object with a \"workspaces\" array, or an array of workspaces");
        }
        if (items.isNull() && root.path("count").asInt(0) > 0) {
            throw new IOException("\"workspaces\" is null while \"count\" is " + root.path("count").asInt());
        }
        List<Workspace> workspaces = new ArrayList<>();
        List<UnreadableWorkspace> unreadable = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                unreadable.add(
                        new UnreadableWorkspace(null, null, "a workspace entry is " + item.getNodeType() + ", not an object"));
                continue;
            }
            String id = text(item, "id");
            if (id != null && !CoderIds.isUuid(id)) {
                unreadable.add(new UnreadableWorkspace(null, text(item, "name"), "the id is not a Coder id (a UUID)"));
                continue;
            }
            try {
                workspaces.add(mapper.treeToValue(item, Workspace.class));
            } catch (JsonProcessingException e) {
                unreadable.add(new UnreadableWorkspace(text(item, "id"), text(item, "name"), describe(e)));
            }
        }
        int count = root.isObject() && root.path("count").canConvertToInt() ? root.path("count").asInt() : items.size();
        return new WorkspacePage(workspaces, unreadable, count);
    }

    private static String describe(JsonProcessingException e) {
        String where = e instanceof JsonMappingException mapping ? mapping.getPathReference() : "";
        return e.getOriginalMessage() + (where.isEmpty() ? "" : " at " + where);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
