package io.linkscope.api;

/**
 * A request the API refuses, with a message written for the client. Only these messages reach an answer; any other
 * exception's text stays in the log, so no Java class name or library message is ever sent.
 */
final class ClientError extends RuntimeException {
    final int status;

    ClientError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ClientError badRequest(String message) {
        return new ClientError(400, message);
    }
}
