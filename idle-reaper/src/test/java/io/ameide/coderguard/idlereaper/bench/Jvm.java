package io.ameide.coderguard.idlereaper.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.stream.Collectors;

/** What the benchmark reads from the JVM it runs in: the machine, the heap, and the current thread's work. */
final class Jvm {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int GC_ROUNDS = 3;

    private Jvm() {
    }

    /** Cores, Java, heap limit and collectors, for the header of the results. */
    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        return "cores=" + runtime.availableProcessors()
                + "  java=" + System.getProperty("java.vm.name") + " " + Runtime.version()
                + "  max_heap=" + mib(runtime.maxMemory())
                + "  gc=" + collectors
                + "  os=" + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /**
     * Heap in use after full collections: what is reachable, not what happens to be uncollected. One collection
     * can leave objects a finalizer or a reference queue frees only on the next, so a few run back to back.
     */
    static long heapUsedAfterGc() {
        for (int round = 0; round < GC_ROUNDS; round++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Bytes allocated so far by the calling thread; HotSpot counts them per thread. */
    static long allocatedByThisThread() {
        if (THREADS instanceof com.sun.management.ThreadMXBean hotspot) {
            return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }

    static Duration cpuOfThisThread() {
        return Duration.ofNanos(THREADS.getCurrentThreadCpuTime());
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
