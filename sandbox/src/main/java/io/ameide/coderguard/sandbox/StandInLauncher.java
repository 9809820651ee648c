package io.ameide.coderguard.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link CoderStandIn} from the command line for local demos, until interrupted:
 *
 * <pre>
 * java -cp … io.ameide.coderguard.sandbox.StandInLauncher --port=3000 --seed=workspaces.json --job-duration=PT2S
 * </pre>
 *
 * Options: {@code --port} (default 3000, Coder's own default), {@code --seed} (a JSON file in Coder's shape,
 * see {@link StandInWorkspaces#seed(String)}), {@code --job-duration} (ISO-8601, default PT2S),
 * {@code --provisioners} (default 3). The token comes from the environment variable
 * {@code CODER_STAND_IN_TOKEN}, or is generated and printed once: it opens nothing but this local stand-in.
 */
public final class StandInLauncher {

    static final String TOKEN_VARIABLE = "CODER_STAND_IN_TOKEN";

    private StandInLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> given = options(List.of(args));
        String token = System.getenv(TOKEN_VARIABLE);
        StandInOptions options = StandInOptions.defaults()
                .withPort(Integer.parseInt(given.getOrDefault("port", "3000")))
                .withJobDuration(Duration.parse(given.getOrDefault("job-duration", "PT2S")))
                .withProvisioners(Integer.parseInt(given.getOrDefault("provisioners", "3")));
        options = token == null || token.isBlank() ? options : options.withToken(token);
        CoderStandIn standIn = CoderStandIn.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        if (given.containsKey("seed")) {
            standIn.workspaces().seed(Path.of(given.get("seed")));
        }
        System.out.println("Coder stand-in at " + standIn.baseUrl() + " with "
                + standIn.workspaces().size() + " workspaces");
        if (token == null || token.isBlank()) {
            System.out.println("Session token (set " + TOKEN_VARIABLE + " to choose one): " + standIn.token());
        }
        new CountDownLatch(1).await();
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("options look like --name=value, got " + arg);
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return options;
    }
}
