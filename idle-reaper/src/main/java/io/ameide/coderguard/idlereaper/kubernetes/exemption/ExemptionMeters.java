package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gauge {@code idle_reaper_exemptions{state=active|expired|invalid}}: WorkspaceExemption objects by state, as of the
 * watch's last look. Labels come from {@link ExemptionState} only, never an object's name.
 */
public class ExemptionMeters implements ExemptionListener {

    private final Map<ExemptionState, AtomicInteger> counts = new EnumMap<>(ExemptionState.class);

    public ExemptionMeters(MeterRegistry registry) {
        for (ExemptionState state : ExemptionState.values()) {
            AtomicInteger count = new AtomicInteger();
            counts.put(state, count);
            Gauge.builder("idle_reaper.exemptions", count, AtomicInteger::get)
                    .description("WorkspaceExemption objects in the watched namespaces, by whether they are in force")
                    .tag("state", state.tag())
                    .strongReference(true)
                    .register(registry);
        }
    }

    @Override
    public void counted(Map<ExemptionState, Integer> current) {
        current.forEach((state, count) -> counts.get(state).set(count));
    }
}
