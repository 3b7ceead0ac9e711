package dev.eddy.cli;

/**
 * A failure the user can act on. Its message is printed as one line after {@code eddy:}, so it
 * says both what went wrong and what to do about it.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what went wrong and what to do, as one line
     */
    public CliException(String message) {
        super(message);
    }

    /**
     * Creates the failure with its cause, which {@code --verbose} prints.
     *
     * @param message what went wrong and what to do, as one line
     * @param cause the underlying failure
     */
    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
