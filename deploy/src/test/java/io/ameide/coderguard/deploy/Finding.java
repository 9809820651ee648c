package io.ameide.coderguard.deploy;

/** One breach of the project's policy in one rendered object: which object, where in it, and what is expected. */
record Finding(String object, String path, String expectation) {

    @Override
    public String toString() {
        return object + ": " + path + " " + expectation;
    }
}
