package dev.ferrum.common;

import java.util.Objects;

/** The one exception type: an {@link ErrorCode} and a message safe to show to an API client. */
public class FerrumException extends RuntimeException {
    private final ErrorCode code;

    public FerrumException(ErrorCode code, String message) {
        super(Objects.requireNonNull(message));
        this.code = Objects.requireNonNull(code);
    }

    public FerrumException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message), cause);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() {
        return code;
    }

    public static FerrumException invalid(String fmt, Object... args) {
        return new FerrumException(ErrorCode.INVALID, args.length == 0 ? fmt : String.format(fmt, args));
    }

    public static FerrumException notFound(String fmt, Object... args) {
        return new FerrumException(ErrorCode.NOT_FOUND, args.length == 0 ? fmt : String.format(fmt, args));
    }

    public static FerrumException conflict(String fmt, Object... args) {
        return new FerrumException(ErrorCode.CONFLICT, args.length == 0 ? fmt : String.format(fmt, args));
    }

    public static FerrumException notAcceptable(String fmt, Object... args) {
        return new FerrumException(ErrorCode.NOT_ACCEPTABLE, args.length == 0 ? fmt : String.format(fmt, args));
    }
}
