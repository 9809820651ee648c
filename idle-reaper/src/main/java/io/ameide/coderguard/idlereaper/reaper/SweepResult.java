package io.ameide.coderguard.idlereaper.reaper;

import java.time.Duration;
import java.util.List;

import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.Verdict;

/** What one sweep saw and decided. */
public record SweepResult(List<Decision> decisions, int unreadable, Duration took) {

    public long count(Verdict verdict) {
        return decisions.stream().filter(d -> d.verdict() == verdict).count();
    }
}
