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
    /** An unsupported microversion; Ironic reports it in a different document (see Faults). */
    VERSION_NOT_ACCEPTABLE(406),
    CONFLICT(409),
    NODE_LOCKED(409),
    INVALID_STATE(409),
    REQUEST_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    INTERNAL(500),
    NO_FREE_WORKER(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** "Client" for 4xx, "Server" for 5xx, as in Ironic's fault documents. */
    public String faultCode() {
        return httpStatus < 500 ? "Client" : "Server";
    }
}
