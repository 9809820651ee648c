package io.ameide.coderguard.policyguard.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.jboss.logging.Logger;

import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.PolicyException;
import io.ameide.coderguard.policyguard.policy.PolicyParser;

/**
 * The policy file, read at startup (where a bad policy stops the service) and again whenever it changed on disk (where a
 * bad update is refused and the last good policy stays in force, so that a typo in Git does not switch rules off).
 */
final class PolicySource {

    private static final Logger LOG = Logger.getLogger(PolicySource.class);

    private final Path file;
    private volatile Policy policy;
    private FileTime modified;

    PolicySource(Path file) {
        this.file = file;
        try {
            this.modified = Files.getLastModifiedTime(file);
            this.policy = PolicyParser.parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("policy-guard.policy-file: cannot read " + file + ": " + e.getMessage(), e);
        } catch (PolicyException e) {
            throw new IllegalStateException("policy-guard.policy-file " + file + ": " + e.getMessage(), e);
        }
    }

    Policy current() {
        return policy;
    }

    /** Reads the file again if it changed; true when a new policy is in force. */
    synchronized boolean reload() {
        try {
            FileTime now = Files.getLastModifiedTime(file);
            if (now.equals(modified)) {
                return false;
            }
            Policy updated = PolicyParser.parse(Files.readString(file));
            modified = now;
            policy = updated;
            LOG.infof("Policy reloaded: file=%s", file);
            return true;
        } catch (IOException | PolicyException e) {
            LOG.warnf("Policy update refused, the last good policy stays in force: file=%s problem=%s", file,
                    e.getMessage());
            return false;
        }
    }
}
