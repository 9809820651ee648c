package io.ameide.coderguard.templatesync.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderCallListener;
import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.CoderClientConfig;
import io.ameide.coderguard.common.coder.CoderToken;
import io.ameide.coderguard.common.coder.RetryPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * The import followers against log streams that misbehave, served by a WebSocket server on 127.0.0.1: what Coder, or a
 * proxy in front of it, might do to a stream, and what reaches the controller.
 */
class ImportFollowersTest {

    private static final String KEY = "coder/devbox";
    private static final String VERSION_ID = "4f1c2d3e-0000-4000-8000-000000000abc";

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger opens = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger left = new AtomicInteger();
    private final List<String> looks = new CopyOnWriteArrayList<>();
    private final List<String> streamEnds = new CopyOnWriteArrayList<>();
    private ImportFollowers followers;

    @AfterEach
    void stop() {
        if (followers != null) {
            followers.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aStreamClosedAsDoneWhileTheImportStillRunsIsNotOpenedAgainForThatImport() {
        followers = followers(serve(socket -> socket.close((short) 1000, "done")));
        followers.follow(KEY, VERSION_ID);
        await().atMost(Duration.ofSeconds(5)).until(() -> looks.size() == 1);

        // The look the close asked for found the import still running, so the controller follows it again.
        followers.follow(KEY, VERSION_ID);

        assertThat(opens.get()).isEqualTo(1);
        assertThat(streamEnds).containsExactly("import_ended");
    }

    @Test
    void noStreamIsOpenedOnceTheFollowersAreClosed() {
        followers = followers(serve(socket -> {
        }));
        followers.close();

        // A worker that was mid-pass when the controller closed.
        followers.follow(KEY, VERSION_ID);

        assertThat(opens.get()).isZero();
    }

    private ImportFollowers followers(URI coder) {
        CoderClientConfig config = new CoderClientConfig(coder, CoderToken.of("k3Jx9QvT2a-Zr8mW4pLs7nYc1dHf6bGe"),
                Duration.ofSeconds(2), Duration.ofSeconds(5), new RetryPolicy(1, Duration.ofMillis(5),
                        Duration.ofMillis(5)));
        CoderClient client = new CoderClient(config, CoderCallListener.NONE);
        return new ImportFollowers(versionId -> {
            opens.incrementAndGet();
            return client.followTemplateVersionLogs(versionId);
        }, looks::add, new SyncListener() {

            @Override
            public void importStreamEnded(String outcome) {
                streamEnds.add(outcome);
            }
        });
    }

    private URI serve(Consumer<ServerWebSocket> coder) {
        int port = vertx.createHttpServer().requestHandler(request -> request.toWebSocket().onSuccess(socket -> {
            opened.incrementAndGet();
            socket.closeHandler(ignored -> left.incrementAndGet());
            coder.accept(socket);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        return URI.create("http://127.0.0.1:" + port);
    }
}
