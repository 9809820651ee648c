package io.ameide.coderguard.idlereaper.kubernetes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps what the Kubernetes side reported for metrics, for the tests to look at. */
final class RecordingListener implements KubernetesListener {

    final List<String> podReady = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicInteger orphanPods = new AtomicInteger(-1);

    @Override
    public void podReady(String outcome) {
        podReady.add(outcome);
    }

    @Override
    public void event(String reason, String outcome) {
        events.add(reason + ":" + outcome);
    }

    @Override
    public void orphanPods(int count) {
        orphanPods.set(count);
    }
}
