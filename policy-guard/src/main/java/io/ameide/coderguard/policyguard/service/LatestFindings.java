package io.ameide.coderguard.policyguard.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.ameide.coderguard.policyguard.decision.Finding;

/** The last judgement of each workspace namespace, for the read API. */
@ApplicationScoped
public class LatestFindings {

    /** One namespace's findings and when they were judged. */
    public record Judgement(String namespace, Instant judgedAt, List<Finding> findings) {
    }

    private final Map<String, Judgement> judgements = new ConcurrentHashMap<>();

    void put(Judgement judgement) {
        judgements.put(judgement.namespace(), judgement);
    }

    void remove(String namespace) {
        judgements.remove(namespace);
    }

    public Optional<Judgement> of(String namespace) {
        return Optional.ofNullable(judgements.get(namespace));
    }

    public Map<String, Judgement> all() {
        return new TreeMap<>(judgements);
    }
}
