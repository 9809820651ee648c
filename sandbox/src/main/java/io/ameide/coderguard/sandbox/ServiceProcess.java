package io.ameide.coderguard.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of this repository's services run from its Quarkus jar as a process of its own, as it runs in a pod, with its
 * output printed line by line behind its name.
 */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;

    private ServiceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code jar} with this JVM's Java and {@code env} added to the environment. */
    static ServiceProcess start(String name, Path jar, Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment().putAll(env);
        ServiceProcess service = new ServiceProcess(name, builder.start());
        Thread pipe = new Thread(service::printOutput, name + "-log");
        pipe.setDaemon(true);
        pipe.start();
        return service;
    }

    String name() {
        return name;
    }

    /** Waits until the process ends, at most {@code millis} (or for ever when negative); true if it ended. */
    boolean waitFor(long millis) throws InterruptedException {
        if (millis < 0) {
            process.waitFor();
            return true;
        }
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Asks the service to shut down as Kubernetes does (SIGTERM), and kills it if it has not after 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(line -> System.out.println("[" + name + "] " + line));
        } catch (IOException | UncheckedIOException e) {
            // The service's output ends when it is stopped; there is nothing more to show.
        }
    }
}
