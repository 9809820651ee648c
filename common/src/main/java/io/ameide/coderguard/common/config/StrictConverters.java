package io.ameide.coderguard.common.config;

import java.time.Duration;
import java.util.Locale;

import org.eclipse.microprofile.config.spi.Converter;

import io.ameide.coderguard.common.time.Durations;

/**
 * Converters for the services' {@code @ConfigMapping}s that refuse what the defaults would quietly accept. Quarkus reads
 * {@code maybe} as {@code false} and a bare {@code 30} as thirty seconds; for a switch that turns real stops or
 * promotions on and for a timeout that decides which workspaces are stopped, a typo must stop startup instead.
 */
public final class StrictConverters {

    private StrictConverters() {
    }

    /** {@code true} or {@code false}, in any case; anything else is an error. */
    public static final class StrictBoolean implements Converter<Boolean> {

        private static final long serialVersionUID = 1L;

        @Override
        public Boolean convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected true or false, was \"" + value + "\"");
            };
        }
    }

    /** A duration with its unit ({@code 30m}, {@code 1h30m}, {@code PT30M}), as {@link Durations#parse} reads it. */
    public static final class DurationWithUnit implements Converter<Duration> {

        private static final long serialVersionUID = 1L;

        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }
}
