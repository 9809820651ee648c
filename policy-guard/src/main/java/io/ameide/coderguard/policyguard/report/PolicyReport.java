package io.ameide.coderguard.policyguard.report;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A {@code wgpolicyk8s.io/v1alpha2} PolicyReport, the format Kyverno and Policy Reporter read: results and summary sit
 * at the top level, not under a spec. Only the fields policy-guard writes are modelled.
 */
@Group("wgpolicyk8s.io")
@Version("v1alpha2")
@Kind("PolicyReport")
@Plural("policyreports")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
// Fabric8 deserialises every KubernetesResource by its kind; this turns that off for the class itself, as fabric8's own
// model classes do, so that the registered kind leads here and stops.
@JsonDeserialize(using = JsonDeserializer.None.class)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "summary", "results"})
public class PolicyReport implements HasMetadata, Namespaced {

    private static final long serialVersionUID = 1L;

    private String apiVersion = "wgpolicyk8s.io/v1alpha2";
    private String kind = "PolicyReport";
    private ObjectMeta metadata = new ObjectMeta();
    private Summary summary = new Summary();
    private List<Result> results = new ArrayList<>();

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    public Summary getSummary() {
        return summary;
    }

    public void setSummary(Summary summary) {
        this.summary = summary;
    }

    public List<Result> getResults() {
        return results;
    }

    public void setResults(List<Result> results) {
        this.results = results == null ? new ArrayList<>() : results;
    }

    /** Counts of results by outcome; policy-guard writes only failures, so {@code fail} is the number of findings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Summary {

        public int pass;
        public int fail;
        public int warn;
        public int error;
        public int skip;
    }

    /** One finding, in PolicyReport's words. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"source", "policy", "rule", "result", "severity", "category", "message", "resources",
            "properties", "timestamp"})
    public static class Result {

        public String source;
        public String policy;
        public String rule;
        public String result;
        public String severity;
        public String category;
        public String message;
        public List<ResourceRef> resources;
        public java.util.Map<String, String> properties;
        public Timestamp timestamp;
    }

    /** The object a result is about. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class ResourceRef {

        public String apiVersion;
        public String kind;
        public String namespace;
        public String name;
        public String uid;
    }

    /** When the finding was first seen, as the format writes time. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Timestamp {

        public long seconds;
        public int nanos;
    }
}
