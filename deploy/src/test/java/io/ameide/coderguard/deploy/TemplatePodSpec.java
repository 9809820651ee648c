package io.ameide.coderguard.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The pod spec of the Coder template's {@code kubernetes_deployment_v1.main}, written out as Kubernetes JSON from the
 * HCL, with the release's variable values and every Coder parameter at its default. hcl4j resolves variables, locals,
 * parameters and {@code dynamic} blocks' {@code for_each}; what only Coder or Terraform knows at apply time (the agent's
 * token Secret, the repository, an interpolation hcl4j leaves half-done) becomes {@link #UNKNOWN}, which stands for any
 * value. The Kubernetes provider's own schema is followed where it differs from plain camelCase: repeated blocks
 * ({@code container}, {@code env}, {@code volume}, …) are lists under their plural names.
 * <p>
 * Not Terraform: functions, conditionals on unknown values and provider defaults are not evaluated.
 */
final class TemplatePodSpec {

    /** A value known only when Coder applies the template. */
    static final String UNKNOWN = "(known at apply)";

    /** Provider blocks that Kubernetes holds as lists, by their Kubernetes name. */
    private static final Map<String, String> LIST_BLOCKS = Map.of("container", "containers", "init_container",
            "initContainers", "env", "env", "env_from", "envFrom", "volume", "volumes", "volume_mount", "volumeMounts",
            "port", "ports", "toleration", "tolerations");
    /** Attributes that are maps of free keys (resource names, labels), whose keys stay as written. */
    private static final Set<String> FREE_MAPS = Set.of("requests", "limits", "node_selector", "labels", "annotations");
    /** Text that an interpolation hcl4j could not finish leaves behind. */
    private static final Pattern UNRESOLVED = Pattern.compile("\\b(data|local|var|module)\\.|\\$\\{");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplatePodSpec() {
    }

    /** The pod spec of the template's Deployment, with the release's variable values. */
    static ObjectNode of(String mainTf, Map<String, String> variables) {
        HCLParser parser = new HCLParser();
        Map<String, Object> declared = map(parse(new HCLParser(), mainTf).get("variable"));
        Map<String, Object> values = new LinkedHashMap<>();
        variables.forEach((name, value) -> values.put(name, typed(map(declared.get(name)), value)));
        parser.setVariables(values);
        parser.registerDataLookup("coder_parameter", parameter -> {
            Map<String, Object> withValue = new LinkedHashMap<>(parameter);
            withValue.put("value", parameter.get("default"));
            return withValue;
        });
        Map<String, Object> template = parse(parser, mainTf);
        Object spec = path(template, "resource", "kubernetes_deployment_v1", "main", "spec", "template", "spec");
        return (ObjectNode) block(map(spec));
    }

    private static JsonNode block(Map<String, Object> hcl) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        hcl.forEach((name, value) -> {
            if (name.equals("dynamic")) {
                map(value).forEach((dynamic, generator) -> {
                    Map<String, Object> body = map(generator);
                    if (!(body.get("for_each") instanceof List<?> each) || !each.isEmpty()) {
                        put(node, dynamic, map(body.get("content")));
                    }
                });
            } else {
                put(node, name, value);
            }
        });
        return node;
    }

    private static void put(ObjectNode node, String name, Object value) {
        String listName = LIST_BLOCKS.get(name);
        if (listName != null) {
            ArrayNode list = node.withArray(listName);
            for (Object element : value instanceof List<?> many ? many : List.of(value)) {
                list.add(block(map(element)));
            }
        } else if (value instanceof Map<?, ?> && FREE_MAPS.contains(name)) {
            ObjectNode free = node.putObject(camel(name));
            map(value).forEach((key, entry) -> free.set(key, leaf(entry)));
        } else if (value instanceof Map<?, ?>) {
            node.set(camel(name), block(map(value)));
        } else if (value instanceof List<?> blocks && !blocks.isEmpty() && blocks.get(0) instanceof Map<?, ?>) {
            // A block written once per attribute (security_context, resources) that hcl4j read as a list of one.
            node.set(camel(name), block(map(blocks.get(0))));
        } else {
            node.set(camel(name), leaf(value));
        }
    }

    private static JsonNode leaf(Object value) {
        if (value instanceof String text) {
            return JsonNodeFactory.instance.textNode(UNRESOLVED.matcher(text).find() ? UNKNOWN : text);
        }
        if (value instanceof Boolean || value instanceof Number) {
            return JSON.valueToTree(value);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            list.forEach(element -> array.add(leaf(element)));
            return array;
        }
        // null or an hcl4j symbol: a reference to what exists only at apply time.
        return JsonNodeFactory.instance.textNode(UNKNOWN);
    }

    /** Coder hands Terraform every variable as text; the template's declared type says what it becomes. */
    private static Object typed(Map<String, Object> declaration, String value) {
        Object type = declaration.get("type");
        String declared = type == null ? "string" : String.valueOf(type);
        if (declared.contains("bool")) {
            return Boolean.parseBoolean(value);
        }
        if (declared.contains("number")) {
            return Double.parseDouble(value);
        }
        return value;
    }

    static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static Object path(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            node = map(node).get(key);
            if (node instanceof List<?> list && list.size() == 1) {
                node = list.get(0);
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (value == null) {
            return Map.of();
        }
        throw new IllegalArgumentException("expected an HCL block, found " + value.getClass().getSimpleName());
    }

    private static Map<String, Object> parse(HCLParser parser, String hcl) {
        try {
            return parser.parse(hcl);
        } catch (HCLParserException | IOException | RuntimeException e) {
            throw new AssertionError("the template does not parse as HCL: " + e.getMessage(), e);
        }
    }

    /** Paths where the two differ; {@link #UNKNOWN} in {@code rendered} matches any value. Quantities compare by amount. */
    static List<String> differences(JsonNode rendered, JsonNode written) {
        List<String> differences = new ArrayList<>();
        compare("spec", rendered, written, differences);
        return differences;
    }

    private static void compare(String at, JsonNode rendered, JsonNode written, List<String> differences) {
        if (rendered.isTextual() && rendered.asText().equals(UNKNOWN)) {
            if (written == null || written.isMissingNode()) {
                differences.add(at + ": in the template, not in the written pod");
            }
            return;
        }
        if (written == null || written.isMissingNode() || written.isNull()) {
            differences.add(at + ": in the template, not in the written pod");
        } else if (rendered.isObject()) {
            if (!written.isObject()) {
                differences.add(at + ": an object in the template");
                return;
            }
            written.fieldNames().forEachRemaining(name -> {
                if (!rendered.has(name)) {
                    differences.add(at + "." + name + ": in the written pod, not in the template");
                }
            });
            rendered.fields().forEachRemaining(field -> compare(at + "." + field.getKey(), field.getValue(),
                    written.get(field.getKey()), differences));
        } else if (rendered.isArray()) {
            if (!written.isArray() || written.size() != rendered.size()) {
                differences.add(at + ": " + rendered.size() + " entries in the template, " + written.size()
                        + " in the written pod");
                return;
            }
            for (int i = 0; i < rendered.size(); i++) {
                compare(at + "[" + i + "]", rendered.get(i), written.get(i), differences);
            }
        } else if (!sameValue(at, rendered, written)) {
            differences.add(at + ": " + rendered + " in the template, " + written + " in the written pod");
        }
    }

    private static boolean sameValue(String at, JsonNode rendered, JsonNode written) {
        if (at.contains(".resources.")) {
            return Quantity.getAmountInBytes(new Quantity(rendered.asText()))
                    .compareTo(Quantity.getAmountInBytes(new Quantity(written.asText()))) == 0;
        }
        return rendered.isValueNode() && written.isValueNode() && rendered.asText().equals(written.asText());
    }
}
