package dev.ferrum.common;

/** Every error Ferrum reports, with the HTTP status and fault code Ironic uses for it. */
public enum ErrorCode {
    INVALID(400),
    INVALID_PARAMETER_VALUE(400),
    PATCH_ERROR(400),
    NOT_AUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    /** An unsupported microversion: a routing error (see {@link #routing()}). */
    VERSION_NOT_ACCEPTABLE(406, true),
    /** A URL that does not exist (at this microversion): a routing error. */
    RESOURCE_NOT_FOUND(404, true),
    /** A method on a URL that does not exist at this microversion: a routing error. */
    RESOURCE_METHOD_NOT_ALLOWED(405, true),
    CONFLICT(409),
    NODE_LOCKED(409),
    INVALID_STATE(409),
    REQUEST_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    INTERNAL(500),
    NO_FREE_WORKER(503),
    /** The message broker (RPC transport) cannot be reached: nothing was sent to a conductor. */
    SERVICE_UNAVAILABLE(503);

    private final int httpStatus;
    private final boolean routing;

    ErrorCode(int httpStatus) {
        this(httpStatus, false);
    }

    ErrorCode(int httpStatus, boolean routing) {
        this.httpStatus = httpStatus;
        this.routing = routing;
    }

    /**
     * Routing errors (unknown URL, method, microversion) are reported by Ironic's web framework with a
     * {code, title, description} document instead of the faultstring one.
     */
    public boolean routing() {
        return routing;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** "Client" for 4xx, "Server" for 5xx, as in Ironic's fault documents. */
    public String faultCode() {
        return httpStatus < 500 ? "Client" : "Server";
    }
}
