package io.ameide.coderguard.templatesync.kubernetes;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.ameide.coderguard.common.coder.JobLogStream;

/**
 * Follows the imports that templates wait for through Coder's log stream, at most one stream per template, and asks
 * for a look at a template the moment Coder closes its stream: Coder does so when the import has ended. Coder sends no
 * other notice of an import's end, so without the stream the promotion would wait for the next poll.
 * <p>
 * Polling goes on beside the streams as the fallback: a stream that cannot be opened (a proxy without WebSockets) or
 * breaks is counted and logged, and opened again at the next look at that template.
 */
final class ImportFollowers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImportFollowers.class);

    private final Function<String, JobLogStream> open;
    private final Consumer<String> importEnded;
    private final SyncListener listener;
    private final Map<String, Following> byKey = new ConcurrentHashMap<>();
    private boolean closed;

    /**
     * @param open opens the log stream of a version, by its id
     * @param importEnded told the key of a template whose import ended
     */
    ImportFollowers(Function<String, JobLogStream> open, Consumer<String> importEnded, SyncListener listener) {
        this.open = open;
        this.importEnded = importEnded;
        this.listener = listener;
    }

    /**
     * Follows the version's import for the template, unless it is followed already or its stream said it ended; drops a
     * stream of another one.
     */
    synchronized void follow(String key, String versionId) {
        if (closed) {
            // A worker that was mid-pass when the controller closed: a stream opened now would be left open.
            return;
        }
        Following current = byKey.get(key);
        if (current != null && current.versionId().equals(versionId)) {
            return;
        }
        stop(key);
        JobLogStream stream;
        try {
            stream = open.apply(versionId);
        } catch (RuntimeException e) {
            listener.importStreamEnded("failed");
            LOG.debugf("Import log stream not opened; polling goes on: version_id=%s cause=%s", versionId, e);
            return;
        }
        Following following = new Following(versionId, stream);
        byKey.put(key, following);
        stream.ended().whenComplete((end, failure) -> ended(key, following, end, failure));
    }

    /** Stops following the template's import, e.g. because a look found it ended or the template is gone. */
    synchronized void stop(String key) {
        Following following = byKey.remove(key);
        if (following != null) {
            following.stream().close();
        }
    }

    /** Stops following every import and opens no stream from now on. */
    @Override
    public synchronized void close() {
        closed = true;
        byKey.keySet().forEach(this::stop);
    }

    private void ended(String key, Following following, JobLogStream.End end, Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause == null && end.jobEnded()) {
            // Kept, so that this import's stream is not opened again. Should the look this close asks for still find
            // the import running, Coder would close a new stream at once too, and each close asks for a look at once:
            // a loop of requests without a pause. Polling, with its backoff, finds the end instead.
            lookNow(key, following, end);
            return;
        }
        byKey.remove(key, following);
        if (cause instanceof CancellationException) {
            return;
        }
        if (cause != null) {
            listener.importStreamEnded("failed");
            LOG.debugf("Import log stream broke; polling goes on: version_id=%s cause=%s", following.versionId(),
                    cause);
            return;
        }
        listener.importStreamEnded("closed");
        LOG.debugf("Coder closed an import log stream before the import ended; polling goes on: version_id=%s"
                + " code=%d reason=%s", following.versionId(), end.statusCode(), end.reason());
    }

    private void lookNow(String key, Following following, JobLogStream.End end) {
        listener.importStreamEnded("import_ended");
        LOG.debugf("Import ended, as its log stream says: version_id=%s log_lines=%d", following.versionId(),
                end.messages());
        importEnded.accept(key);
    }

    private record Following(String versionId, JobLogStream stream) {
    }
}
