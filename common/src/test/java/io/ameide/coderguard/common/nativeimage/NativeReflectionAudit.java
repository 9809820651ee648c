package io.ameide.coderguard.common.nativeimage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * Finds the classes Jackson maps that a native executable would not keep for reflection. A native image holds only the
 * constructors, fields and methods registered at build time; Quarkus registers what it can see by itself, and every
 * other class Jackson reads or writes must be registered with {@code @RegisterForReflection}, or Jackson fails at run
 * time in the native executable only.
 * <p>
 * Which classes Jackson maps is decided from the class files (a Jandex index), so that a class added later cannot be
 * forgotten:
 * <ul>
 * <li>the <em>roots</em> the caller names: what the code hands to an {@code ObjectMapper} of its own, or puts into a
 * {@code Response} (whose entity type Quarkus REST cannot know); no class file says that, so a test must;</li>
 * <li>every class of the module that carries a Jackson annotation, on itself or a member: it is there to be mapped;</li>
 * <li>and, from those, every class of the index reached through a non-static field or a getter, with type arguments,
 * array components and superclasses, as Jackson reaches them.</li>
 * </ul>
 * It counts as registered: a class named by {@code @RegisterForReflection} (on itself, or in {@code targets} or
 * {@code classNames}) and the nested classes of one unless {@code ignoreNested}; and what Quarkus registers by itself, as
 * its 3.33 sources do: the types reached from a resource method's return and parameter types (Quarkus REST), and a
 * fabric8 {@code CustomResource} subclass with its spec and status types and what they reach (kubernetes-client).
 */
public final class NativeReflectionAudit {

    private static final DotName REGISTER_FOR_REFLECTION = DotName
            .createSimple("io.quarkus.runtime.annotations.RegisterForReflection");
    private static final DotName CUSTOM_RESOURCE = DotName.createSimple("io.fabric8.kubernetes.client.CustomResource");
    private static final List<String> JACKSON_ANNOTATIONS = List.of("com.fasterxml.jackson.annotation.",
            "com.fasterxml.jackson.databind.annotation.");
    private static final Set<DotName> RESOURCE_METHOD_ANNOTATIONS = Set.of(DotName.createSimple("jakarta.ws.rs.GET"),
            DotName.createSimple("jakarta.ws.rs.POST"), DotName.createSimple("jakarta.ws.rs.PUT"),
            DotName.createSimple("jakarta.ws.rs.DELETE"), DotName.createSimple("jakarta.ws.rs.PATCH"),
            DotName.createSimple("jakarta.ws.rs.HEAD"));

    private final Index index;
    private final String ownPackage;
    private final Set<DotName> roots = new HashSet<>();

    private NativeReflectionAudit(Index index, String ownPackage) {
        this.index = index;
        this.ownPackage = ownPackage;
    }

    /**
     * An audit of the classes under {@code ownPackage}, over an index of the given class folders or jars (the module's
     * own, and those of the project's modules it uses, such as common's).
     */
    public static NativeReflectionAudit of(String ownPackage, Path... classRoots) {
        Indexer indexer = new Indexer();
        for (Path root : classRoots) {
            indexAll(indexer, root);
        }
        return new NativeReflectionAudit(indexer.complete(), ownPackage);
    }

    /** The class folder or jar a class was loaded from: common's, for a service's test. */
    public static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    /** Classes that Jackson maps outside what Quarkus sees, each named with the reason in the caller's comment. */
    public NativeReflectionAudit mappedOutsideRest(Class<?>... types) {
        for (Class<?> type : types) {
            DotName name = DotName.createSimple(type.getName());
            if (index.getClassByName(name) == null) {
                throw new IllegalArgumentException(type.getName() + " is not in the audited classes");
            }
            roots.add(name);
        }
        return this;
    }

    /** Every class of a package (a wire model, say), including those added to it later. */
    public NativeReflectionAudit mappedOutsideRest(String packageName) {
        index.getKnownClasses().stream().filter(c -> packageOf(c).equals(packageName)).forEach(c -> roots.add(c.name()));
        return this;
    }

    /** The classes Jackson maps that nothing registers for reflection, sorted by name. */
    public Set<String> unregistered() {
        Set<DotName> mapped = reach(mappedRoots().stream().map(n -> Type.create(n, Type.Kind.CLASS)).toList());
        Set<DotName> covered = registered();
        covered.addAll(reach(restTypes()));
        covered.addAll(reach(customResourceTypes()));

        Set<String> missing = new TreeSet<>();
        mapped.stream().filter(name -> !covered.contains(name)).forEach(name -> missing.add(name.toString()));
        return missing;
    }

    private Set<DotName> mappedRoots() {
        Set<DotName> mapped = new HashSet<>(roots);
        for (ClassInfo type : index.getKnownClasses()) {
            if (type.name().toString().startsWith(ownPackage + ".") && carriesJacksonAnnotation(type)) {
                mapped.add(type.name());
            }
        }
        return mapped;
    }

    private static boolean carriesJacksonAnnotation(ClassInfo type) {
        return type.annotations().stream()
                .anyMatch(a -> JACKSON_ANNOTATIONS.stream().anyMatch(prefix -> a.name().toString().startsWith(prefix)));
    }

    /** Named by a {@code @RegisterForReflection}, with nested classes as Quarkus registers them. */
    private Set<DotName> registered() {
        Set<DotName> registered = new HashSet<>();
        for (AnnotationInstance annotation : index.getAnnotations(REGISTER_FOR_REFLECTION)) {
            Set<DotName> named = new HashSet<>();
            AnnotationValue targets = annotation.value("targets");
            AnnotationValue classNames = annotation.value("classNames");
            if (targets == null && classNames == null) {
                named.add(annotation.target().asClass().name());
            }
            if (targets != null) {
                Stream.of(targets.asClassArray()).forEach(t -> named.add(t.name()));
            }
            if (classNames != null) {
                Stream.of(classNames.asStringArray()).forEach(n -> named.add(DotName.createSimple(n)));
            }
            AnnotationValue ignoreNested = annotation.value("ignoreNested");
            registered.addAll(ignoreNested != null && ignoreNested.asBoolean() ? named : withNested(named));
        }
        return registered;
    }

    private Set<DotName> withNested(Set<DotName> names) {
        Set<DotName> all = new HashSet<>(names);
        Deque<DotName> pending = new ArrayDeque<>(names);
        while (!pending.isEmpty()) {
            DotName outer = pending.pop();
            for (ClassInfo type : index.getKnownClasses()) {
                if (type.nestingType() == ClassInfo.NestingType.INNER && outer.equals(type.enclosingClass())
                        && all.add(type.name())) {
                    pending.push(type.name());
                }
            }
        }
        return all;
    }

    /** Return and parameter types of resource methods, which Quarkus REST registers with what they reach. */
    private Set<Type> restTypes() {
        Set<Type> types = new HashSet<>();
        for (ClassInfo type : index.getKnownClasses()) {
            for (MethodInfo method : type.methods()) {
                if (RESOURCE_METHOD_ANNOTATIONS.stream().anyMatch(method::hasDeclaredAnnotation)) {
                    types.add(method.returnType());
                    types.addAll(method.parameterTypes());
                }
            }
        }
        return types;
    }

    /** CustomResource subclasses and their spec and status types, which kubernetes-client registers as hierarchies. */
    private Set<Type> customResourceTypes() {
        Set<Type> types = new HashSet<>();
        for (ClassInfo type : index.getKnownClasses()) {
            if (CUSTOM_RESOURCE.equals(type.superName())) {
                types.add(Type.create(type.name(), Type.Kind.CLASS));
                types.add(type.superClassType());
            }
        }
        return types;
    }

    /** The classes of the index that Jackson reaches from these types. */
    private Set<DotName> reach(Collection<Type> start) {
        Set<DotName> reached = new HashSet<>();
        Deque<Type> pending = new ArrayDeque<>(start);
        while (!pending.isEmpty()) {
            Type type = pending.pop();
            switch (type.kind()) {
                case ARRAY -> pending.push(type.asArrayType().elementType());
                case PARAMETERIZED_TYPE -> {
                    pending.addAll(type.asParameterizedType().arguments());
                    pending.push(Type.create(type.name(), Type.Kind.CLASS));
                }
                case WILDCARD_TYPE -> pending.push(type.asWildcardType().extendsBound());
                case CLASS -> {
                    ClassInfo info = index.getClassByName(type.name());
                    if (info != null && reached.add(info.name())) {
                        pending.addAll(propertyTypes(info));
                    }
                }
                default -> {
                    // primitives, type variables and void carry no class of their own
                }
            }
        }
        return reached;
    }

    private static List<Type> propertyTypes(ClassInfo info) {
        Stream<Type> fields = info.fields().stream().filter(f -> !Modifier.isStatic(f.flags())).map(FieldInfo::type);
        Stream<Type> getters = info.methods().stream()
                .filter(m -> m.parametersCount() == 0 && !Modifier.isStatic(m.flags())
                        && m.returnType().kind() != Type.Kind.VOID && !m.name().startsWith("<"))
                .map(MethodInfo::returnType);
        Stream<Type> superclass = info.superClassType() == null ? Stream.empty() : Stream.of(info.superClassType());
        return Stream.of(fields, getters, superclass).flatMap(s -> s).toList();
    }

    private static String packageOf(ClassInfo type) {
        String name = type.name().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    private static void indexAll(Indexer indexer, Path root) {
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            indexer.index(in);
                        }
                    }
                }
                return;
            }
            try (JarFile jar = new JarFile(root.toFile())) {
                for (var entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        indexer.index(in);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index " + root, e);
        }
    }
}
