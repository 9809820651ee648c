package io.ameide.coderguard.idlereaper;

import java.time.Clock;
import java.util.Arrays;

import io.ameide.coderguard.idlereaper.plan.PlanCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service, or with {@code plan} as the first argument runs the plan mode and exits without starting
 * anything: no Coder connection, no scheduler, no HTTP port.
 */
@QuarkusMain
public class IdleReaperMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("plan")) {
            PlanCommand plan = new PlanCommand(System.out, System.err, System.in, Clock.systemUTC());
            System.exit(plan.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Quarkus.run(args);
    }
}
