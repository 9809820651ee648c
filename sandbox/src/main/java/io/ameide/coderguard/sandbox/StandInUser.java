package io.ameide.coderguard.sandbox;

/** The user the stand-in's token belongs to: the initiator of builds it creates, and {@code me} in searches. */
record StandInUser(String id, String username) {

    static StandInUser named(String username) {
        return new StandInUser(Ids.derived("user", username), username);
    }
}
