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

    /** Ironic's NodeLocked (409): another conductor or action holds the node. */
    public static FerrumException nodeLocked(String nodeUuid, Object host) {
        return new FerrumException(ErrorCode.NODE_LOCKED, "Node " + nodeUuid + " is locked by host " + host
                + ", please retry after the current operation is completed.");
    }

    /** Ironic's InvalidStateRequested (400): the action does not apply to the node's current state. */
    public static FerrumException invalidStateRequested(String action, String node, Object state) {
        return invalid("The requested action \"%s\" can not be performed on node \"%s\" while it is in state \"%s\".",
                action, node, state);
    }

    public static FerrumException notAcceptable(String fmt, Object... args) {
        return new FerrumException(ErrorCode.NOT_ACCEPTABLE, args.length == 0 ? fmt : String.format(fmt, args));
    }
}
