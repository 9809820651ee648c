package io.ameide.coderguard.idlereaper.reaper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The most recent stop records, newest first, bounded in size. Records of the same stop build are updated in place
 * when the build finishes.
 */
final class DecisionLog {

    private final int capacity;
    private final Deque<StopRecord> records = new ArrayDeque<>();

    DecisionLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(StopRecord record) {
        records.addFirst(record);
        while (records.size() > capacity) {
            records.removeLast();
        }
    }

    synchronized void update(String stopBuildId, UnaryOperator<StopRecord> change) {
        List<StopRecord> updated = new ArrayList<>(records.size());
        for (StopRecord record : records) {
            updated.add(stopBuildId.equals(record.stopBuildId()) ? change.apply(record) : record);
        }
        records.clear();
        records.addAll(updated);
    }

    synchronized List<StopRecord> newest(int limit) {
        return records.stream().limit(limit).toList();
    }
}
