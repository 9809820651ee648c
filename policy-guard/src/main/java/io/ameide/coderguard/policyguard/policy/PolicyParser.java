package io.ameide.coderguard.policyguard.policy;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Reads a policy document strictly: an unknown key, a wrong type or a bad value is an error that names the field
 * ({@code networkPolicy.egressAllowlist[1].ports[0].port}), never a silent default. The document is either the policy
 * itself or the ConfigMap GitOps delivers it in, whose single data entry holds it.
 */
public final class PolicyParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern IPV4_CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}/(\\d{1,3})");
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    private PolicyParser() {
    }

    public static Policy parse(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new PolicyException("the policy is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new PolicyException("the policy is empty");
        }
        if (root.isObject() && "ConfigMap".equals(root.path("kind").asText())) {
            return parse(unwrapConfigMap(root));
        }
        return policy(new Node(root, ""));
    }

    private static String unwrapConfigMap(JsonNode configMap) {
        JsonNode data = configMap.path("data");
        if (!data.isObject() || data.size() != 1) {
            throw new PolicyException("the policy ConfigMap must hold exactly one entry under data, the policy document");
        }
        JsonNode entry = data.elements().next();
        if (!entry.isTextual()) {
            throw new PolicyException("the policy ConfigMap's data entry must be a string holding the policy document");
        }
        return entry.asText();
    }

    private static Policy policy(Node root) {
        root.allowOnly("workspaceNamespaceSelector", "networkPolicy", "requireResourceQuota", "resourceQuotaMaximums",
                "requireLimitRange", "forbidClusterAdminForWorkspaceServiceAccounts", "serviceAccountTokenAutomount",
                "forbidSecretsWithLabel", "forbidQueueCredentials", "forbidSecretsFromOtherEnvironment",
                "environmentLabel", "requireImageDigest", "forbidPrivileged", "forbidHostNamespaces",
                "forbidPrivilegeEscalation", "forbiddenCapabilities", "forbidHostPathPrefixes", "forbidTelepresence",
                "reportOrphans", "severities", "exemptions");
        return new Policy(root.field("workspaceNamespaceSelector").stringMap(),
                root.field("networkPolicy").optional().map(PolicyParser::network), root.flagOf("requireResourceQuota"),
                quantities(root.field("resourceQuotaMaximums")), root.flagOf("requireLimitRange"),
                root.flagOf("forbidClusterAdminForWorkspaceServiceAccounts"),
                root.field("serviceAccountTokenAutomount").optional().map(PolicyParser::tokenAutomount),
                root.field("forbidSecretsWithLabel").stringMap(), root.flagOf("forbidQueueCredentials"),
                root.flagOf("forbidSecretsFromOtherEnvironment"),
                root.field("environmentLabel").optional().map(Node::text).orElse("environment"),
                root.flagOf("requireImageDigest"), root.flagOf("forbidPrivileged"), root.flagOf("forbidHostNamespaces"),
                root.flagOf("forbidPrivilegeEscalation"), capabilities(root.field("forbiddenCapabilities")),
                paths(root.field("forbidHostPathPrefixes")), root.flagOf("forbidTelepresence"), root.flagOf("reportOrphans"),
                severities(root.field("severities")), exemptions(root.field("exemptions")));
    }

    private static Policy.Network network(Node node) {
        node.allowOnly("defaultDeny", "egressAllowlist", "ingressAllowlist");
        Set<Direction> directions = EnumSet.noneOf(Direction.class);
        for (Node entry : node.field("defaultDeny").list()) {
            Direction direction = Direction.ofPolicyType(entry.text());
            if (direction == null) {
                throw entry.invalid("must be Ingress or Egress");
            }
            directions.add(direction);
        }
        return new Policy.Network(directions, node.field("egressAllowlist").optional().map(PolicyParser::allowlist),
                node.field("ingressAllowlist").optional().map(PolicyParser::allowlist));
    }

    private static List<AllowedPeer> allowlist(Node node) {
        List<AllowedPeer> peers = new ArrayList<>();
        for (Node entry : node.list()) {
            peers.add(allowedPeer(entry));
        }
        return peers;
    }

    private static AllowedPeer allowedPeer(Node entry) {
        entry.allowOnly("name", "to", "from", "ports");
        String name = entry.field("name").required().text();
        Node peer = entry.field("to").isPresent() ? entry.field("to") : entry.field("from").required();
        peer.allowOnly("namespace", "podLabels", "ipBlock");
        String ipBlock = peer.field("ipBlock").optional().map(Node::text).orElse(null);
        String namespace = peer.field("namespace").optional().map(Node::text).orElse(null);
        if ((ipBlock == null) == (namespace == null)) {
            throw peer.invalid("must name either a namespace (with optional podLabels) or an ipBlock");
        }
        if (ipBlock != null && !isCidr(ipBlock)) {
            throw peer.field("ipBlock").invalid("must be a CIDR such as 10.40.0.10/32");
        }
        List<AllowedPort> ports = new ArrayList<>();
        for (Node port : entry.field("ports").required().list()) {
            ports.add(allowedPort(port));
        }
        if (ports.isEmpty()) {
            throw entry.field("ports").invalid("must list at least one port");
        }
        return new AllowedPeer(name, namespace, peer.field("podLabels").stringMap(), ipBlock, ports);
    }

    private static AllowedPort allowedPort(Node node) {
        node.allowOnly("protocol", "port");
        String protocol = node.field("protocol").optional().map(Node::text).orElse("TCP");
        if (!PROTOCOLS.contains(protocol)) {
            throw node.field("protocol").invalid("must be TCP, UDP or SCTP");
        }
        Node port = node.field("port").required();
        if (!port.value.canConvertToInt() || !port.value.isIntegralNumber() || port.value.asInt() < 1
                || port.value.asInt() > 65535) {
            throw port.invalid("must be a port number from 1 to 65535");
        }
        return new AllowedPort(protocol, port.value.asInt());
    }

    private static Set<String> tokenAutomount(Node node) {
        node.allowOnly("allowedServiceAccounts");
        Set<String> names = new LinkedHashSet<>();
        for (Node name : node.field("allowedServiceAccounts").list()) {
            names.add(name.text());
        }
        return names;
    }

    private static Map<String, BigDecimal> quantities(Node node) {
        Map<String, BigDecimal> maximums = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : node.stringMap().entrySet()) {
            try {
                maximums.put(entry.getKey(), Quantity.getAmountInBytes(new Quantity(entry.getValue())));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw node.field(entry.getKey()).invalid("must be a Kubernetes quantity such as 4, 500m or 8Gi");
            }
        }
        return maximums;
    }

    private static Set<String> capabilities(Node node) {
        Set<String> capabilities = new LinkedHashSet<>();
        for (Node entry : node.list()) {
            capabilities.add(capability(entry.text()));
        }
        return capabilities;
    }

    /** A capability as the kernel names it, without {@code CAP_}, in upper case: {@code cap_sys_admin} → SYS_ADMIN. */
    public static String capability(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }

    private static List<String> paths(Node node) {
        List<String> paths = new ArrayList<>();
        for (Node entry : node.list()) {
            String path = entry.text();
            if (!path.startsWith("/")) {
                throw entry.invalid("must be an absolute path");
            }
            paths.add(path);
        }
        return paths;
    }

    private static Map<Rule, Severity> severities(Node node) {
        Map<Rule, Severity> severities = new EnumMap<>(Rule.class);
        for (Map.Entry<String, String> entry : node.stringMap().entrySet()) {
            Rule rule = Rule.ofId(entry.getKey());
            if (rule == null) {
                throw node.field(entry.getKey()).invalid("is not a rule policy-guard knows");
            }
            Severity severity = Severity.ofLabel(entry.getValue());
            if (severity == null) {
                throw node.field(entry.getKey()).invalid("must be one of info, low, medium, high, critical");
            }
            severities.put(rule, severity);
        }
        return severities;
    }

    private static List<Exemption> exemptions(Node node) {
        List<Exemption> exemptions = new ArrayList<>();
        for (Node entry : node.list()) {
            entry.allowOnly("rule", "namespace", "kind", "name", "reason", "expires");
            String rule = entry.field("rule").required().text();
            if (Rule.ofId(rule) == null) {
                throw entry.field("rule").invalid("is not a rule policy-guard knows");
            }
            exemptions.add(new Exemption(rule, entry.field("namespace").required().text(),
                    entry.field("kind").required().text(), entry.field("name").required().text(),
                    entry.field("reason").required().text(), instant(entry.field("expires").required())));
        }
        return exemptions;
    }

    private static Instant instant(Node node) {
        try {
            return Instant.parse(node.text());
        } catch (DateTimeParseException e) {
            throw node.invalid("must be an RFC 3339 time in UTC, such as 2026-01-31T00:00:00Z");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** A place in the document: its value (missing when absent) and its path for messages. */
    private record Node(JsonNode value, String path) {

        Node field(String name) {
            JsonNode child = value.isObject() ? value.path(name) : MissingNode.getInstance();
            return new Node(child, path.isEmpty() ? name : path + "." + name);
        }

        boolean isPresent() {
            return !value.isMissingNode() && !value.isNull();
        }

        Optional<Node> optional() {
            return isPresent() ? Optional.of(this) : Optional.empty();
        }

        Node required() {
            if (!isPresent()) {
                throw new PolicyException("policy field '" + path + "' is required");
            }
            return this;
        }

        PolicyException invalid(String expectation) {
            return new PolicyException("policy field '" + path + "' " + expectation);
        }

        void allowOnly(String... names) {
            if (!value.isObject()) {
                throw invalid("must be a mapping");
            }
            Set<String> allowed = Set.of(names);
            for (Iterator<String> keys = value.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                if (!allowed.contains(key)) {
                    throw new PolicyException("policy field '" + (path.isEmpty() ? key : path + "." + key)
                            + "' is not known; known fields here: " + String.join(", ", names));
                }
            }
        }

        boolean flagOf(String name) {
            return field(name).flagValue();
        }

        String text() {
            if (!value.isTextual() || value.asText().isBlank()) {
                throw invalid("must be a non-empty string");
            }
            return value.asText();
        }

        boolean flagValue() {
            if (!isPresent()) {
                return false;
            }
            if (!value.isBoolean()) {
                throw invalid("must be true or false");
            }
            return value.asBoolean();
        }

        List<Node> list() {
            if (!isPresent()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw invalid("must be a list");
            }
            List<Node> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                items.add(new Node(value.get(i), path + "[" + i + "]"));
            }
            return items;
        }

        Map<String, String> stringMap() {
            if (!isPresent()) {
                return Map.of();
            }
            if (!value.isObject()) {
                throw invalid("must be a mapping of strings");
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> entry = fields.next();
                if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                    throw field(entry.getKey()).invalid("must be a string");
                }
                map.put(entry.getKey(), entry.getValue().asText());
            }
            return map;
        }
    }

    /** An IPv4 block with octets up to 255 and a prefix up to 32, or an IPv6 block with a prefix up to 128. */
    static boolean isCidr(String text) {
        Matcher v4 = IPV4_CIDR.matcher(text);
        if (v4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(v4.group(group)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(v4.group(5)) <= 32;
        }
        Matcher v6 = IPV6_CIDR.matcher(text);
        return v6.matches() && Integer.parseInt(v6.group(2)) <= 128;
    }
}
