package io.ameide.coderguard.idlereaper.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the machine and this JVM did over a stretch of time: garbage collections, the CPU this JVM used, and how
 * busy all cores were. A latency benchmark on a shared machine means little without it: other processes' work
 * delays this one's threads just as a stall of the service would.
 *
 * @param jitTime time the JIT compilers spent, on their own threads
 * @param cpuTicks busy and total ticks of all cores, from Linux's {@code /proc/stat}; both -1 elsewhere
 */
record MachineUse(long collections, Duration gcTime, Duration jitTime, Duration jvmCpu, long busyTicks,
        long cpuTicks, long wallNanos) {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    static MachineUse now() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        long[] ticks = readProcStat();
        return new MachineUse(count, Duration.ofMillis(millis), Duration.ofMillis(jitMillis()),
                Duration.ofNanos(jvmCpuNanos()), ticks[0], ticks[1], System.nanoTime());
    }

    MachineUse minus(MachineUse earlier) {
        return new MachineUse(collections - earlier.collections, gcTime.minus(earlier.gcTime),
                jitTime.minus(earlier.jitTime), jvmCpu.minus(earlier.jvmCpu), busyTicks - earlier.busyTicks,
                cpuTicks - earlier.cpuTicks,
                wallNanos - earlier.wallNanos);
    }

    /** Cores this JVM kept busy on average, e.g. {@code 0.8}. */
    double jvmCores() {
        return wallNanos <= 0 ? 0 : (double) jvmCpu.toNanos() / wallNanos;
    }

    /** Share of all cores' time that was busy, by anyone; negative where unknown. */
    double machineBusy() {
        return busyTicks < 0 || cpuTicks <= 0 ? -1 : (double) busyTicks / cpuTicks;
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long jvmCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getProcessCpuTime();
        }
        return 0;
    }

    /** The first line of {@code /proc/stat}: user nice system idle iowait irq softirq steal…, in ticks. */
    private static long[] readProcStat() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            String[] fields = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{-1, -1};
        }
    }
}
