package io.ameide.coderguard.idlereaper.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Every log line the service writes while open, as its message and its exception's message, formatted. */
final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog() {
        root.addHandler(this);
    }

    static CapturedLog open() {
        return new CapturedLog();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        Throwable thrown = record.getThrown();
        lines.add(thrown == null ? message : message + " " + thrown);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
