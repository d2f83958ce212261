package io.linkscope.api;

/**
 * A request the API refuses, with a message written for the client. Only these messages reach an answer; any other
 * exception's text stays in the log, so no Java class name or library message is ever sent.
 */
final class ClientError extends RuntimeException {
    final int status;
    final long retryAfterSeconds;

    ClientError(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ClientError badRequest(String message) {
        return new ClientError(400, message, 0);
    }

    static ClientError tooManyRequests(String message, long retryAfterSeconds) {
        return new ClientError(429, message, retryAfterSeconds);
    }

    String title() {
        return switch (status) {
            case 400 -> "Bad Request";
            case 429 -> "Too Many Requests";
            default -> "Client Error";
        };
    }
}
