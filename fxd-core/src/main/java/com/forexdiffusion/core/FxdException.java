package com.forexdiffusion.core;

/**
 * A failure the user can act on: the message names what was wrong and where (file, line, field, value).
 * The CLI prints the message alone and exits with code 1, so messages must stand on their own.
 */
public class FxdException extends RuntimeException {
    public FxdException(String message) {
        super(message);
    }

    public FxdException(String message, Throwable cause) {
        super(message, cause);
    }
}
