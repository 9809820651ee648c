package io.ameide.coderguard.idlereaper.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.ameide.coderguard.common.coder.CoderJson;
import io.ameide.coderguard.common.coder.UnreadableWorkspace;
import io.ameide.coderguard.common.coder.WorkspacePage;
import io.ameide.coderguard.common.time.Durations;
import io.ameide.coderguard.common.time.Rfc3339;
import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.Exemptions;
import io.ameide.coderguard.idlereaper.decision.IdleJudge;
import io.ameide.coderguard.idlereaper.decision.IdlePolicy;
import io.ameide.coderguard.idlereaper.decision.Reason;
import io.ameide.coderguard.idlereaper.decision.Verdict;

/**
 * The plan mode: the reaper's own decision code, run offline over a saved {@code GET /api/v2/workspaces} body, so that
 * an SRE can preview what a policy would stop before changing it. It talks to nothing and changes nothing.
 */
public final class PlanCommand {

    static final String USAGE = """
            Usage: idle-reaper plan [options] FILE
              FILE                       the body of Coder's GET /api/v2/workspaces, or an array of workspaces; - reads stdin
              --now INSTANT              the clock, RFC 3339 (default: the current time)
              --idle-timeout DURATION    e.g. 30m, 90s, PT1H (default: 30m, as the service)
              --exempt-owner NAME        never stop this user's workspaces (repeatable)
              --exempt-workspace NAME    never stop owner/name, or name under any owner (repeatable)
              --exempt-template NAME     never stop this template's workspaces (repeatable)
              --json                     print the decisions as a JSON array
            Prints one line per workspace: STOP, KEEP or SKIP, the workspace, the reason and why.
            Exit status: 0 decided, 1 the file could not be read, 2 the command line is wrong.""";

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Clock clock;

    public PlanCommand(PrintStream out, PrintStream err, InputStream in, Clock clock) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.clock = clock;
    }

    public int run(String... args) {
        PlanOptions options;
        try {
            options = PlanOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("idle-reaper plan: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }

        WorkspacePage page;
        try {
            page = WorkspacePage
                    .read(options.file().equals("-") ? in.readAllBytes() : Files.readAllBytes(Path.of(options.file())));
        } catch (IOException e) {
            err.println("idle-reaper plan: cannot read " + options.file() + ": " + e.getMessage());
            return 1;
        }

        Instant now = options.now().orElseGet(clock::instant);
        IdleJudge judge = new IdleJudge(new IdlePolicy(options.idleTimeout(), options.exemptions()));
        List<Decision> decisions = new ArrayList<>();
        page.workspaces().forEach(w -> decisions.add(judge.decide(w, now, Optional.empty())));
        page.unreadable().forEach(u -> decisions.add(unreadable(u, now, options.idleTimeout())));
        print(decisions, options.json());
        return 0;
    }

    private void print(List<Decision> decisions, boolean json) {
        if (json) {
            try {
                out.println(CoderJson.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(decisions));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write decisions as JSON", e);
            }
            return;
        }
        decisions.forEach(d -> out.printf("%-4s %s %s: %s%n", d.verdict(), d.workspace(), d.reason().tag(), d.explanation()));
    }

    private static Decision unreadable(UnreadableWorkspace workspace, Instant now, Duration threshold) {
        String name = workspace.name() == null ? "?" : workspace.name();
        return new Decision(workspace.id(), "?/" + name, null, null, Verdict.SKIP, Reason.UNREADABLE,
                "could not be read: " + workspace.problem(), null, now, null, null, threshold, null, null);
    }

    /** The parsed command line. */
    record PlanOptions(String file, Optional<Instant> now, Duration idleTimeout, Exemptions exemptions, boolean json,
            boolean help) {

        static PlanOptions parse(String... args) {
            String file = null;
            Optional<Instant> now = Optional.empty();
            Duration timeout = IdlePolicy.DEFAULT_IDLE_TIMEOUT;
            List<String> owners = new ArrayList<>();
            List<String> workspaces = new ArrayList<>();
            List<String> templates = new ArrayList<>();
            boolean json = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        return new PlanOptions("-", now, timeout, Exemptions.NONE, false, true);
                    }
                    case "--json" -> json = true;
                    case "--now" -> now = Optional.of(instant(value(args, ++i, arg)));
                    case "--idle-timeout" -> timeout = duration(value(args, ++i, arg));
                    case "--exempt-owner" -> owners.add(value(args, ++i, arg));
                    case "--exempt-workspace" -> workspaces.add(value(args, ++i, arg));
                    case "--exempt-template" -> templates.add(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--") || file != null) {
                            throw new IllegalArgumentException("unexpected argument " + arg);
                        }
                        file = arg;
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("name the file to read, or - for standard input");
            }
            return new PlanOptions(file, now, timeout, Exemptions.of(owners, workspaces, templates), json, false);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static Instant instant(String text) {
            return Rfc3339.parse(text).orElseThrow(() -> new IllegalArgumentException("--now needs a timestamp"));
        }

        private static Duration duration(String text) {
            Duration timeout = Durations.parse(text);
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("--idle-timeout must be positive, was " + text);
            }
            return timeout;
        }
    }
}
