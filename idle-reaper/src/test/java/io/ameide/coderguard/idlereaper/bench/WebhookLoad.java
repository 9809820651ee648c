package io.ameide.coderguard.idlereaper.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Sends a phase's deliveries open-loop: delivery {@code i} is due at {@code start + i / rate}, whether or not
 * earlier ones have been answered, as Coder's dispatchers send without waiting for the receiver. Latency runs
 * from the instant a delivery was due to the instant its whole response had arrived, so a stall of the receiver
 * (or of this sender) counts in full for every delivery due during it, instead of hiding behind a sender that
 * waited for the stalled answer.
 */
final class WebhookLoad {

    static final int NO_ANSWER = 0;
    static final int FAILED = -1;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(20);
    private static final int SAMPLE_EVERY = 50;

    private final HttpClient client;
    private final URI hook;

    WebhookLoad(URI hook) {
        // HTTP/1.1 with keep-alive, as Coder's Go client talks to a plain-http receiver.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.hook = hook;
    }

    /**
     * What one phase saw.
     *
     * @param started when the first delivery was due
     * @param latencies per delivery in sending order, nanoseconds from due to answered; meaningless where the
     *     status is {@link #NO_ANSWER} or {@link #FAILED}
     * @param statuses per delivery: the HTTP status, {@link #NO_ANSWER} when none came within the bound,
     *     {@link #FAILED} when the exchange failed
     * @param lateness per delivery, nanoseconds the sender was behind the timetable when it sent it: a stall of
     *     the whole JVM (a collection, a starved CPU) shows here as well as in the latencies
     * @param sending from the first delivery due to the last one sent
     * @param maxBacklog the most messages accepted (202) and not yet looked at, sampled every
     *     {@value #SAMPLE_EVERY} deliveries
     */
    record Outcome(Instant started, long[] latencies, int[] statuses, long[] lateness, Duration sending,
            long maxBacklog) {

        long count(int status) {
            long count = 0;
            for (int s : statuses) {
                count += s == status ? 1 : 0;
            }
            return count;
        }

        Duration senderLag() {
            long most = 0;
            for (long late : lateness) {
                most = Math.max(most, late);
            }
            return Duration.ofNanos(most);
        }

        List<Duration> answeredLatencies() {
            List<Duration> answered = new ArrayList<>(latencies.length);
            for (int i = 0; i < latencies.length; i++) {
                if (statuses[i] > 0) {
                    answered.add(Duration.ofNanos(latencies[i]));
                }
            }
            return answered;
        }
    }

    /**
     * Sends every delivery of {@code traffic} at {@code perSecond}, then waits a bounded time for the last
     * answers.
     *
     * @param looks the stand-in's count of fresh looks, read while sending to follow the backlog of accepted
     *     messages
     */
    Outcome run(WebhookTraffic traffic, int perSecond, LongSupplier looks) {
        List<HttpRequest> requests = traffic.deliveries().stream().map(this::request).toList();
        Answers answers = new Answers(requests.size());
        long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long looksAtStart = looks.getAsLong();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        Instant started = Instant.now().plusMillis(10);
        long[] lateness = new long[requests.size()];
        long backlog = 0;

        for (int i = 0; i < requests.size(); i++) {
            long due = start + i * period;
            lateness[i] = waitUntil(due);
            answers.pending.add(send(requests.get(i), i, due, answers));
            if (i % SAMPLE_EVERY == 0) {
                backlog = Math.max(backlog, answers.accepted.get() - (looks.getAsLong() - looksAtStart));
            }
        }
        Duration sending = Duration.ofNanos(System.nanoTime() - start);

        awaitAll(answers.pending);
        return new Outcome(started, answers.latencies, answers.statuses, lateness, sending, backlog);
    }

    /**
     * Where the answers go. Each answer writes only its own slot of the arrays, and {@link #awaitAll} joins
     * them all before the arrays are read, which makes the writes visible to the reader.
     */
    private static final class Answers {

        final long[] latencies;
        final int[] statuses;
        final AtomicLong accepted = new AtomicLong();
        final List<CompletableFuture<Void>> pending;

        Answers(int size) {
            latencies = new long[size];
            statuses = new int[size];
            pending = new ArrayList<>(size);
        }

        void record(int index, long due, HttpResponse<?> response) {
            latencies[index] = System.nanoTime() - due;
            statuses[index] = response == null ? FAILED : response.statusCode();
            if (response != null && response.statusCode() == 202) {
                accepted.incrementAndGet();
            }
        }
    }

    private HttpRequest request(WebhookTraffic.Delivery delivery) {
        return HttpRequest.newBuilder(hook).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Message-Id", delivery.msgId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                .build();
    }

    private CompletableFuture<Void> send(HttpRequest request, int index, long due, Answers answers) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            answers.record(index, due, response);
            return null;
        });
    }

    /** Parks until {@code due}; returns how late the sender already was, or 0. */
    private static long waitUntil(long due) {
        long now = System.nanoTime();
        while (now < due) {
            LockSupport.parkNanos(due - now);
            now = System.nanoTime();
        }
        return now - due;
    }

    /** Deliveries still unanswered after the bound keep status {@link #NO_ANSWER}. */
    private static void awaitAll(List<CompletableFuture<Void>> pending) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(ANSWER_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Counted from the statuses.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for answers", e);
        }
    }
}
