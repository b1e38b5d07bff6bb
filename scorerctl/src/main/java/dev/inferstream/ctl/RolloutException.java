package dev.inferstream.ctl;

/** A change scorerctl refuses to make; the message says why and what to do instead. */
final class RolloutException extends RuntimeException {
    RolloutException(String message) {
        super(message);
    }
}
