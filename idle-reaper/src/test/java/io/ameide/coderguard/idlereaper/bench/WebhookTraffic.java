package io.ameide.coderguard.idlereaper.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The deliveries of one phase of the webhook benchmark, in sending order. Every even position carries a new
 * message about one workspace; every odd one re-delivers a message sent earlier in the phase, picked at random,
 * byte for byte and with the same {@code X-Message-Id}, as Coder does when it retries. Picking among all
 * earlier messages puts some re-deliveries right behind their first delivery and others many seconds later, and
 * lets a message arrive three or more times. Everything random comes from the seed, so each run sends the same
 * traffic.
 */
final class WebhookTraffic {

    /** A workspace the stand-in holds, as a notification names it. */
    record Target(String id, String owner, String name, boolean idle) {
    }

    /**
     * @param redelivery whether an earlier delivery of this phase carried the same message
     */
    record Delivery(String msgId, byte[] body, boolean redelivery, Target target) {
    }

    private static final String TEMPLATE_ID = "381df2a9-c0c0-4749-420f-80a9280c66f9";

    private final List<Delivery> deliveries;

    private WebhookTraffic(List<Delivery> deliveries) {
        this.deliveries = List.copyOf(deliveries);
    }

    /** {@code count} deliveries, half of them new messages, each naming one of {@code targets} at random. */
    static WebhookTraffic of(List<Target> targets, int count, long seed) {
        Random random = new Random(seed);
        List<Delivery> messages = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i % 2 == 0) {
                Delivery message = message(targets.get(random.nextInt(targets.size())), random);
                messages.add(message);
                deliveries.add(message);
            } else {
                Delivery earlier = messages.get(random.nextInt(messages.size()));
                deliveries.add(new Delivery(earlier.msgId(), earlier.body(), true, earlier.target()));
            }
        }
        return new WebhookTraffic(deliveries);
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    long messages() {
        return deliveries.stream().filter(d -> !d.redelivery()).count();
    }

    long redeliveries() {
        return deliveries.stream().filter(Delivery::redelivery).count();
    }

    /** The idle workspaces named by at least one message: those a fresh look should stop. */
    Set<String> idleNamed() {
        Set<String> ids = new HashSet<>();
        deliveries.stream().filter(d -> d.target().idle()).forEach(d -> ids.add(d.target().id()));
        return ids;
    }

    /** A body of Coder's shape and size (about 1 KiB), with every field a real delivery of this kind carries. */
    private static Delivery message(Target target, Random random) {
        String msgId = new UUID(random.nextLong(), random.nextLong()).toString();
        String json = """
                {"_version":"1.1","msg_id":"%1$s","payload":{"_version":"1.2",\
                "notification_name":"Workspace Autobuild Failed","notification_template_id":"%2$s",\
                "user_id":"%3$s","user_email":"%4$s@example.test","user_name":"%4$s","user_username":"%4$s",\
                "actions":[{"label":"View workspace","url":"https://coder.example.test/@%4$s/%5$s"}],\
                "labels":{"name":"%5$s","reason":"autostart"},"data":null,"targets":["%6$s","%3$s"]},\
                "title":"Workspace \\"%5$s\\" autobuild failed",\
                "title_markdown":"Workspace \\"%5$s\\" autobuild failed",\
                "body":"Automatic build of your workspace %5$s failed.\\n\\n\
                The specified reason was \\"autostart\\".",\
                "body_markdown":"Automatic build of your workspace **%5$s** failed.\\n\\n\
                The specified reason was \\"**autostart**\\"."}"""
                .formatted(msgId, TEMPLATE_ID, new UUID(random.nextLong(), random.nextLong()), target.owner(),
                        target.name(), target.id());
        return new Delivery(msgId, json.getBytes(StandardCharsets.UTF_8), false, target);
    }
}
