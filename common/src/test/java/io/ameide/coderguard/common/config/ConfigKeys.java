package io.ameide.coderguard.common.config;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The keys of a service's {@code @ConfigMapping}, as SmallRye Config names them: each method in kebab case under the
 * prefix, a nested group of this project's own under its method's name. A service's documentation test checks that
 * its README tables every one, so that the tables cannot fall behind the code.
 */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    public static List<String> of(String prefix, Class<?> mapping) {
        List<String> keys = new ArrayList<>();
        // Inherited methods too: a group may extend a shared one (LeaseTimings).
        for (Method method : mapping.getMethods()) {
            String key = prefix + "." + kebab(method.getName());
            if (method.getReturnType().isInterface() && method.getReturnType().getPackageName().startsWith("io.ameide")) {
                keys.addAll(of(key, method.getReturnType()));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
