package io.ameide.coderguard.policyguard;

import java.time.Clock;
import java.util.Arrays;

import io.ameide.coderguard.policyguard.audit.AuditCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service, or with {@code audit} as the first argument runs the audit mode and exits without starting
 * anything: no Kubernetes connection, no Coder connection, no HTTP port.
 */
@QuarkusMain
public class PolicyGuardMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("audit")) {
            AuditCommand audit = new AuditCommand(System.out, System.err, Clock.systemUTC());
            System.exit(audit.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Quarkus.run(args);
    }
}
