package io.ameide.coderguard.policyguard.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * Reads Kubernetes objects from YAML (or JSON) files, multi-document and {@code kind: List} included, keeping the kinds
 * policy-guard judges and counting the rest. A Secret's data is dropped as it is read: the rules never look at it.
 */
public final class Manifests {

    /** The kinds policy-guard judges, by {@code kind}. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(Map.entry("Namespace", Namespace.class),
            Map.entry("Pod", Pod.class), Map.entry("NetworkPolicy", NetworkPolicy.class),
            Map.entry("ResourceQuota", ResourceQuota.class), Map.entry("LimitRange", LimitRange.class),
            Map.entry("ServiceAccount", ServiceAccount.class), Map.entry("Role", Role.class),
            Map.entry("RoleBinding", RoleBinding.class), Map.entry("ClusterRole", ClusterRole.class),
            Map.entry("ClusterRoleBinding", ClusterRoleBinding.class), Map.entry("Deployment", Deployment.class),
            Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class), Map.entry("Secret", Secret.class));

    /** Where each workload kind holds the template of the pods it makes, as a JSON pointer. */
    static final Map<String, String> POD_TEMPLATES = Map.of("Deployment", "/spec/template", "StatefulSet",
            "/spec/template", "DaemonSet", "/spec/template", "ReplicaSet", "/spec/template", "ReplicationController",
            "/spec/template", "Job", "/spec/template", "CronJob", "/spec/jobTemplate/spec/template");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<HasMetadata> objects = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private int read;

    /**
     * The objects read so far, in the order read, each workload followed by the pod its template stands for (named and
     * kinded as the workload).
     */
    public List<HasMetadata> objects() {
        return objects;
    }

    /** How many objects the files held that policy-guard judges, workloads' template pods not counted. */
    public int read() {
        return read;
    }

    /** How many documents of each kind policy-guard does not judge were left out. */
    public Map<String, Integer> skipped() {
        return skipped;
    }

    /** Reads a file, or every {@code .yaml}, {@code .yml} and {@code .json} file under a folder, in name order. */
    public void read(Path path) throws ManifestException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).filter(Manifests::isManifest).sorted().toList()) {
                    readFile(file);
                }
            } catch (IOException e) {
                throw new ManifestException(path + ": cannot list the folder: " + why(e));
            }
        } else {
            readFile(path);
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private void readFile(Path file) throws ManifestException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read: " + why(e));
        }
        readText(file.toString(), text);
    }

    /** Reads the documents of one YAML text; {@code origin} names it in errors. */
    public void readText(String origin, String text) throws ManifestException {
        int index = 0;
        try (JsonParser parser = YAML.createParser(text);
                MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
            while (documents.hasNextValue()) {
                index++;
                JsonNode document = documents.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    add(origin + " document " + index, document);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ManifestException(origin + " document " + (index + 1) + ": not valid YAML: " + firstLine(e));
        }
    }

    private void add(String where, JsonNode document) throws ManifestException {
        if (!document.isObject() || !document.path("kind").isTextual()) {
            throw new ManifestException(where + ": not a Kubernetes object (no kind)");
        }
        String kind = document.path("kind").asText();
        if (kind.equals("List") || kind.endsWith("List") && document.path("items").isArray()) {
            for (JsonNode item : document.path("items")) {
                add(where, item);
            }
            return;
        }
        Class<? extends HasMetadata> type = KINDS.get(kind);
        JsonNode template = POD_TEMPLATES.containsKey(kind) ? document.at(POD_TEMPLATES.get(kind)) : null;
        if (type == null && template == null) {
            skipped.merge(kind, 1, Integer::sum);
            return;
        }
        if (!document.path("metadata").path("name").isTextual()) {
            throw new ManifestException(where + ": " + kind + " without metadata.name");
        }
        read++;
        if (type != null) {
            objects.add(convert(where, document, type));
        }
        if (template != null && template.isObject()) {
            objects.add(templatePod(where, document, template));
        }
    }

    /**
     * The pod a workload's template makes, judged as a pod but named after the workload, so that a finding says
     * {@code Deployment ws-a/dev}: manifests checked in CI hold workloads far more often than pods.
     */
    private static Pod templatePod(String where, JsonNode workload, JsonNode template) throws ManifestException {
        ObjectNode pod = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata");
        metadata.set("name", workload.path("metadata").path("name"));
        if (workload.path("metadata").has("namespace")) {
            metadata.set("namespace", workload.path("metadata").path("namespace"));
        }
        for (String field : new String[]{"labels", "annotations"}) {
            if (template.path("metadata").path(field).isObject()) {
                metadata.set(field, template.path("metadata").path(field));
            }
        }
        pod.set("spec", template.path("spec"));
        Pod converted = (Pod) convert(where, pod, Pod.class);
        converted.setApiVersion(workload.path("apiVersion").asText());
        converted.setKind(workload.path("kind").asText());
        return converted;
    }

    private static HasMetadata convert(String where, JsonNode document, Class<? extends HasMetadata> type)
            throws ManifestException {
        try {
            HasMetadata object = YAML.treeToValue(document, type);
            if (object instanceof Secret secret) {
                secret.setData(null);
                secret.setStringData(null);
            }
            return object;
        } catch (IOException | IllegalArgumentException e) {
            // The parser's message may quote the input; for a Secret that could be its data, so it is left out.
            String why = type == Secret.class ? "a field does not fit the Secret schema" : firstLine(e);
            throw new ManifestException(where + ": " + document.path("kind").asText() + " "
                    + document.path("metadata").path("name").asText() + " does not fit its kind: " + why);
        }
    }

    /** Why a file could not be read, in words: the JDK's message is often just the path again. */
    static String why(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }
}
