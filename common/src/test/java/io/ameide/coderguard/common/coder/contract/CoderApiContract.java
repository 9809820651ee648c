package io.ameide.coderguard.common.coder.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.common.coder.CoderIds;
import io.ameide.coderguard.common.time.Rfc3339;

/**
 * Coder's own API description, trimmed to the operations the client calls, and checks of Java models and JSON
 * bodies against it.
 * <p>
 * The description is {@value #RESOURCE} on the classpath, written from Coder's {@code swagger.json} by
 * {@code build-config/extract-coder-api.py}; {@link #extractedFrom()} names the upstream commit. It ships in
 * common's test-jar so that the sandbox's stand-in answers and the services' test bodies are held to the same
 * description as the client.
 * <p>
 * The checks are one-sided on purpose: a Java model or a body may leave out any field Coder describes, but
 * every field it has must exist in Coder's description with a compatible type. A Java model and a stand-in that
 * drift apart from Coder in the same way would otherwise agree with each other and still be wrong.
 */
public final class CoderApiContract {

    /** Where the trimmed description lives on the classpath. */
    public static final String RESOURCE = "coder-api/swagger-extract.json";
    /** Coder's error body, sent on every failing status of every operation though no operation lists it. */
    public static final String ERROR_DEFINITION = "codersdk.Response";

    private static final String DEFINITION_PREFIX = "#/definitions/";
    private static final String DATE_TIME = "date-time";
    /**
     * Go's {@code uuid.NullUUID} marshals to a UUID string or null, but swagger's generator describes the Go
     * struct ({@code {"uuid":…,"valid":…}}); bodies are held to what Coder really sends, so the struct's
     * shape is a violation and a UUID string is not.
     */
    private static final String NULL_UUID = "uuid.NullUUID";

    private static CoderApiContract loaded;

    private final JsonNode description;

    private CoderApiContract(JsonNode description) {
        this.description = description;
    }

    /** The description from the classpath, read once. */
    public static synchronized CoderApiContract load() {
        if (loaded == null) {
            loaded = new CoderApiContract(read(RESOURCE));
        }
        return loaded;
    }

    /** Where the description came from: repository, path, commit, date and the sha256 of the swagger.json read. */
    public Map<String, String> extractedFrom() {
        Map<String, String> source = new LinkedHashMap<>();
        description.path("x-extracted-from").fields()
                .forEachRemaining(field -> source.put(field.getKey(), field.getValue().asText()));
        return source;
    }

    public boolean hasOperation(String method, String pathTemplate) {
        return !operation(method, pathTemplate).isMissingNode();
    }

    /** @throws AssertionError naming the operations that do exist when Coder's description lacks this one */
    public void assertOperationExists(String method, String pathTemplate) {
        if (!hasOperation(method, pathTemplate)) {
            throw new AssertionError("Coder's API description has no " + method.toUpperCase() + " " + pathTemplate
                    + "; it has " + operationNames() + ". If the client gained an endpoint, re-run"
                    + " build-config/extract-coder-api.py");
        }
    }

    public void assertOperationExists(CoderEndpoint endpoint) {
        assertOperationExists(endpoint.method(), endpoint.pathTemplate());
    }

    /** The names of the query parameters Coder's description gives for one operation. */
    public Set<String> queryParameters(String method, String pathTemplate) {
        Set<String> names = new TreeSet<>();
        for (JsonNode parameter : existingOperation(method, pathTemplate).path("parameters")) {
            if ("query".equals(parameter.path("in").asText())) {
                names.add(parameter.path("name").asText());
            }
        }
        return names;
    }

    /** @throws AssertionError when the operation has no such query parameter */
    public void assertQueryParameterExists(String method, String pathTemplate, String name) {
        Set<String> known = queryParameters(method, pathTemplate);
        if (!known.contains(name)) {
            throw new AssertionError("Coder's " + method.toUpperCase() + " " + pathTemplate
                    + " has no query parameter \"" + name + "\"; it has " + known);
        }
    }

    /** The headers that may carry a token for this operation; empty for one that needs no token. */
    public Set<String> tokenHeaders(String method, String pathTemplate) {
        Set<String> headers = new TreeSet<>();
        for (JsonNode requirement : existingOperation(method, pathTemplate).path("security")) {
            requirement.fieldNames().forEachRemaining(scheme -> {
                JsonNode definition = description.path("securityDefinitions").path(scheme);
                boolean isHeader = "header".equals(definition.path("in").asText());
                if ("apiKey".equals(definition.path("type").asText()) && isHeader) {
                    headers.add(definition.path("name").asText());
                }
            });
        }
        return headers;
    }

    /**
     * The definition that describes the body Coder answers to {@code endpoint} with {@code status}: the
     * operation's own for a status it lists, {@value #ERROR_DEFINITION} for any other error status.
     *
     * @throws IllegalArgumentException for a success status the operation does not list, or one without a body
     */
    public String responseDefinition(CoderEndpoint endpoint, int status) {
        JsonNode responses = existingOperation(endpoint.method(), endpoint.pathTemplate()).path("responses");
        JsonNode response = responses.path(String.valueOf(status));
        if (response.isMissingNode()) {
            if (status >= 400) {
                return ERROR_DEFINITION;
            }
            throw new IllegalArgumentException("Coder's description lists no " + status + " answer for " + endpoint
                    + "; it lists " + fieldNames(responses));
        }
        return definitionName(response.path("schema"))
                .orElseThrow(() -> new IllegalArgumentException(
                        "Coder's " + status + " answer to " + endpoint + " has no body given by a definition"));
    }

    /** The definition of the body the client sends to {@code endpoint}, if it sends one. */
    public Optional<String> requestDefinition(CoderEndpoint endpoint) {
        JsonNode operation = existingOperation(endpoint.method(), endpoint.pathTemplate());
        for (JsonNode parameter : operation.path("parameters")) {
            if ("body".equals(parameter.path("in").asText())) {
                return definitionName(parameter.path("schema"));
            }
        }
        return Optional.empty();
    }

    /** {@link #violations(JsonNode, String)} against the body Coder's description gives for this answer. */
    public List<String> responseViolations(CoderEndpoint endpoint, int status, JsonNode body) {
        return violations(body, responseDefinition(endpoint, status));
    }

    /**
     * Checks a Java model against a definition: every property Jackson would read or write (the
     * {@link JsonProperty} name, else the record component's name) must exist in the definition with a compatible
     * type, recursively through records, lists and enums. An enum constant must be one of the values Coder
     * lists, except the {@link JsonEnumDefaultValue} that stands for "a value this code does not know".
     *
     * @return one line per problem, each naming the JSON path and the Java member; empty when the model conforms
     */
    public List<String> violations(Class<?> modelType, String definitionName) {
        List<String> found = new ArrayList<>();
        new ModelCheck(found).check(modelType, reference(definitionName), definitionName);
        return found;
    }

    /**
     * Checks a JSON body, e.g. a stand-in's answer, against a definition: every field must exist in the
     * definition and carry the JSON type it gives, recursively. Null is allowed anywhere. A {@code date-time}
     * string must be readable by {@link Rfc3339}, a {@code uuid} string must be a UUID, and a string with
     * listed values must be one of them. A {@code uuid.NullUUID} (a workspace's {@code task_id}) must be the
     * UUID string Coder sends, not the object its description gives.
     *
     * @return one line per problem, each naming the JSON path; empty when the body conforms
     */
    public List<String> violations(JsonNode body, String definitionName) {
        List<String> found = new ArrayList<>();
        checkBody(body, reference(definitionName), definitionName, found);
        return found;
    }

    private void checkBody(JsonNode value, JsonNode schemaNode, String where, List<String> found) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        Schema schema = resolve(schemaNode);
        if (NULL_UUID.equals(schema.definition)) {
            checkNullUuid(value, where, found);
            return;
        }
        if (schema.type == null) {
            return;
        }
        if (!jsonTypeOf(value).equals(schema.type) && !(schema.type.equals("number") && value.isNumber())) {
            found.add(where + ": is a JSON " + jsonTypeOf(value) + ", Coder's description says " + schema.type);
            return;
        }
        switch (schema.type) {
            case "object" -> checkBodyObject(value, schema, where, found);
            case "array" -> checkBodyArray(value, schema, where, found);
            case "string" -> checkBodyString(value.asText(), schema, where, found);
            default -> {
                // integer, number and boolean carry nothing beyond their JSON type
            }
        }
    }

    private void checkBodyObject(JsonNode value, Schema schema, String where, List<String> found) {
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode property = schema.properties.get(field.getKey());
            String path = where + "." + field.getKey();
            if (property != null) {
                checkBody(field.getValue(), property, path, found);
            } else if (schema.additionalProperties != null && schema.additionalProperties.isObject()) {
                checkBody(field.getValue(), schema.additionalProperties, path, found);
            } else if (!schema.isFreeForm()) {
                found.add(path + ": no such property in " + schema.nameForMessages());
            }
        }
    }

    private void checkBodyArray(JsonNode value, Schema schema, String where, List<String> found) {
        if (schema.items == null) {
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            checkBody(value.get(i), schema.items, where + "[" + i + "]", found);
        }
    }

    private static void checkBodyString(String text, Schema schema, String where, List<String> found) {
        if (DATE_TIME.equals(schema.format)) {
            try {
                Rfc3339.parse(text);
            } catch (IllegalArgumentException e) {
                found.add(where + ": " + e.getMessage());
            }
        } else if ("uuid".equals(schema.format)) {
            checkUuid(text, where, found);
        }
        if (!schema.enumValues.isEmpty() && !schema.enumValues.contains(text)) {
            found.add(where + ": \"" + text + "\" is none of Coder's values " + schema.enumValues);
        }
    }

    private static void checkNullUuid(JsonNode value, String where, List<String> found) {
        if (value.isTextual()) {
            checkUuid(value.asText(), where, found);
        } else {
            found.add(where + ": is a JSON " + jsonTypeOf(value) + ", Coder sends a " + NULL_UUID
                    + " as a UUID string or null");
        }
    }

    private static void checkUuid(String text, String where, List<String> found) {
        if (!CoderIds.isUuid(text)) {
            found.add(where + ": \"" + text + "\" is not a UUID");
        }
    }

    private static String jsonTypeOf(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        return value.isNumber() ? "number" : value.getNodeType().toString().toLowerCase();
    }

    /** Walks a Java type beside a schema, collecting where they disagree. */
    private final class ModelCheck {

        private final List<String> found;
        /** Record and definition pairs already walked, so a self-referencing model ends. */
        private final Set<String> walked = new HashSet<>();

        ModelCheck(List<String> found) {
            this.found = found;
        }

        void check(Type javaType, JsonNode schemaNode, String where) {
            Class<?> raw = rawClass(javaType);
            if (raw == Optional.class) {
                check(typeArgument(javaType, 0), schemaNode, where);
                return;
            }
            if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
                return;
            }
            Schema schema = resolve(schemaNode);
            String expected = expectedJsonType(raw);
            if (expected == null) {
                found.add(where + ": Java " + raw.getSimpleName() + " has no JSON type this check knows");
                return;
            }
            if (schema.type == null) {
                found.add(where + ": Coder's description gives no type for it");
                return;
            }
            if (!expected.equals(schema.type) && !(expected.equals("number") && schema.type.equals("integer"))) {
                found.add(where + ": Java " + raw.getSimpleName() + " reads a JSON " + expected
                        + ", Coder's description says " + schema.type + formatSuffix(schema));
                return;
            }
            checkDetails(javaType, raw, schema, where);
        }

        private void checkDetails(Type javaType, Class<?> raw, Schema schema, String where) {
            if (isTimestamp(raw) && !DATE_TIME.equals(schema.format)) {
                found.add(where + ": Java " + raw.getSimpleName()
                        + " needs a date-time, Coder's description says string" + formatSuffix(schema));
            } else if (raw == UUID.class && !"uuid".equals(schema.format)) {
                found.add(where + ": Java UUID needs a uuid, Coder's description says string"
                        + formatSuffix(schema));
            } else if (raw.isEnum()) {
                checkEnum(raw, schema, where);
            } else if (raw.isRecord()) {
                checkRecord(raw, schema, where);
            } else if (raw.isArray()) {
                check(raw.getComponentType(), schema.items, where + "[]");
            } else if (javaType instanceof GenericArrayType array) {
                check(array.getGenericComponentType(), schema.items, where + "[]");
            } else if (Collection.class.isAssignableFrom(raw)) {
                check(typeArgument(javaType, 0), schema.items, where + "[]");
            } else if (Map.class.isAssignableFrom(raw) && schema.additionalProperties != null
                    && schema.additionalProperties.isObject()) {
                check(typeArgument(javaType, 1), schema.additionalProperties, where + ".*");
            }
        }

        private void checkRecord(Class<?> record, Schema schema, String where) {
            if (!walked.add(record.getName() + "@" + schema.nameForMessages())) {
                return;
            }
            for (RecordComponent component : record.getRecordComponents()) {
                if (isAnnotated(component, JsonIgnore.class)) {
                    continue;
                }
                String name = jsonName(component);
                String path = where + "." + name + " (" + record.getSimpleName() + "." + component.getName() + ")";
                JsonNode property = schema.properties.get(name);
                if (property == null) {
                    found.add(path + ": no such property in " + schema.nameForMessages());
                } else {
                    check(component.getGenericType(), property, where + "." + name);
                }
            }
        }

        private void checkEnum(Class<?> enumType, Schema schema, String where) {
            if (schema.enumValues.isEmpty()) {
                return;
            }
            for (Field constant : enumType.getFields()) {
                if (!constant.isEnumConstant() || constant.isAnnotationPresent(JsonEnumDefaultValue.class)) {
                    continue;
                }
                JsonProperty property = constant.getAnnotation(JsonProperty.class);
                String name = property != null ? property.value() : constant.getName();
                if (!schema.enumValues.contains(name)) {
                    found.add(where + ": Java " + enumType.getSimpleName() + "." + constant.getName()
                            + " reads \"" + name + "\", which is none of Coder's values " + schema.enumValues);
                }
            }
        }
    }

    private static String expectedJsonType(Class<?> raw) {
        if (raw == String.class || raw == UUID.class || raw.isEnum() || isTimestamp(raw)) {
            return "string";
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class || raw == BigInteger.class) {
            return "integer";
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == BigDecimal.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return "array";
        }
        if (raw.isRecord() || Map.class.isAssignableFrom(raw)) {
            return "object";
        }
        return null;
    }

    private static boolean isTimestamp(Class<?> raw) {
        return raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class;
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        if (property == null) {
            property = fieldOf(component).getAnnotation(JsonProperty.class);
        }
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    private static boolean isAnnotated(RecordComponent component, Class<? extends Annotation> type) {
        return component.getAccessor().isAnnotationPresent(type) || fieldOf(component).isAnnotationPresent(type);
    }

    private static Field fieldOf(RecordComponent component) {
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record component without its field: " + component, e);
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static String formatSuffix(Schema schema) {
        return schema.format == null ? "" : " (" + schema.format + ")";
    }

    /** A schema with its $ref and allOf parts merged: what a property really is. */
    private Schema resolve(JsonNode node) {
        Schema schema = new Schema();
        merge(node, schema, new HashSet<>());
        if (schema.type == null && !schema.properties.isEmpty()) {
            schema.type = "object";
        }
        return schema;
    }

    private void merge(JsonNode node, Schema into, Set<String> followed) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.has("$ref")) {
            String name = referencedName(node.path("$ref").asText());
            if (into.definition == null) {
                into.definition = name;
            }
            if (followed.add(name)) {
                merge(definition(name), into, followed);
            }
        }
        for (JsonNode part : node.path("allOf")) {
            merge(part, into, followed);
        }
        if (into.type == null && node.hasNonNull("type")) {
            into.type = node.path("type").asText();
        }
        if (into.format == null && node.hasNonNull("format")) {
            into.format = node.path("format").asText();
        }
        // Coder repeats a referenced enum at the property, sometimes narrower than the definition (BuildReason
        // lists twelve values, WorkspaceBuild.reason three); every value either one lists is one Coder may
        // send.
        node.path("enum").forEach(value -> into.enumValues.add(value.asText()));
        node.path("properties").fields()
                .forEachRemaining(property -> into.properties.putIfAbsent(property.getKey(), property.getValue()));
        if (into.items == null && node.has("items")) {
            into.items = node.path("items");
        }
        if (into.additionalProperties == null && node.has("additionalProperties")) {
            into.additionalProperties = node.path("additionalProperties");
        }
    }

    private static final class Schema {

        String type;
        String format;
        String definition;
        final Set<String> enumValues = new LinkedHashSet<>();
        final Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode items;
        JsonNode additionalProperties;

        /**
         * An object without described properties takes any field, as does one that allows additional
         * properties.
         */
        boolean isFreeForm() {
            return (properties.isEmpty() && additionalProperties == null)
                    || (additionalProperties != null && additionalProperties.asBoolean(false));
        }

        String nameForMessages() {
            return definition != null ? definition : "an inline object";
        }
    }

    private JsonNode reference(String definitionName) {
        definition(definitionName);
        return new ObjectMapper().createObjectNode().put("$ref", DEFINITION_PREFIX + definitionName);
    }

    private JsonNode definition(String name) {
        JsonNode definition = description.path("definitions").path(name);
        if (definition.isMissingNode()) {
            throw new IllegalArgumentException("the extract of Coder's description has no definition " + name
                    + "; re-run build-config/extract-coder-api.py if the client needs it");
        }
        return definition;
    }

    private static String referencedName(String ref) {
        if (!ref.startsWith(DEFINITION_PREFIX)) {
            throw new IllegalStateException("a $ref outside the definitions: " + ref);
        }
        return ref.substring(DEFINITION_PREFIX.length());
    }

    private static Optional<String> definitionName(JsonNode schema) {
        return schema.has("$ref") ? Optional.of(referencedName(schema.path("$ref").asText())) : Optional.empty();
    }

    private JsonNode operation(String method, String pathTemplate) {
        return description.path("paths").path(pathTemplate).path(method.toLowerCase());
    }

    private JsonNode existingOperation(String method, String pathTemplate) {
        assertOperationExists(method, pathTemplate);
        return operation(method, pathTemplate);
    }

    private List<String> operationNames() {
        List<String> names = new ArrayList<>();
        description.path("paths").fields().forEachRemaining(
                path -> path.getValue().fieldNames()
                        .forEachRemaining(method -> names.add(method.toUpperCase() + " " + path.getKey())));
        return names;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = CoderApiContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath; common's test-jar has it");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
