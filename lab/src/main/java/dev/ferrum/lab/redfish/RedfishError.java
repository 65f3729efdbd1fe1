package dev.ferrum.lab.redfish;

import java.util.List;

/**
 * A request the emulator refuses, answered with a Redfish error body: {"error": {"code", "message",
 * "@Message.ExtendedInfo": [Message]}} whose MessageIds come from DMTF's Base message registry, as real BMCs send.
 */
final class RedfishError extends RuntimeException {
    static final String BASE = "Base.1.16.";

    final int status;
    final String messageId;
    final List<String> args;
    final String property;

    private RedfishError(int status, String messageId, String message, String property, String... args) {
        super(message, null, false, false);
        this.status = status;
        this.messageId = BASE + messageId;
        this.args = List.of(args);
        this.property = property;
    }

    static RedfishError notFound(String uri) {
        return new RedfishError(404, "ResourceMissingAtURI", "The resource at the URI " + uri + " was not found.",
                null, uri);
    }

    static RedfishError methodNotAllowed(String method, String uri) {
        return new RedfishError(405, "OperationNotAllowed",
                "The HTTP method " + method + " is not allowed on " + uri + ".", null);
    }

    static RedfishError malformedJson(String detail) {
        return new RedfishError(400, "MalformedJSON",
                "The request body submitted was malformed JSON and could not be parsed by the receiving service ("
                        + detail + ").", null);
    }

    static RedfishError propertyValueNotInList(String property, Object value, List<String> allowed) {
        return new RedfishError(400, "PropertyValueNotInList", "The value '" + value + "' for the property "
                + property + " is not in the list of acceptable values " + allowed + ".", property,
                String.valueOf(value), property);
    }

    static RedfishError propertyValueTypeError(String property, Object value) {
        return new RedfishError(400, "PropertyValueTypeError", "The value '" + value + "' for the property "
                + property + " is of a different type than the property can accept.", property,
                String.valueOf(value), property);
    }

    static RedfishError propertyValueOutOfRange(String property, Object value) {
        return new RedfishError(400, "PropertyValueOutOfRange",
                "The value '" + value + "' for the property " + property + " is not in the supported range.",
                property, String.valueOf(value), property);
    }

    static RedfishError propertyUnknown(String property) {
        return new RedfishError(400, "PropertyUnknown", "The property " + property
                + " is not in the list of valid properties for the resource.", property, property);
    }

    static RedfishError propertyNotWritable(String property) {
        return new RedfishError(400, "PropertyNotWritable", "The property " + property
                + " is a read only property and cannot be assigned a value.", property, property);
    }

    static RedfishError propertyMissing(String property) {
        return new RedfishError(400, "PropertyMissing", "The property " + property
                + " is a required property and must be included in the request.", property, property);
    }

    static RedfishError actionParameterMissing(String action, String parameter) {
        return new RedfishError(400, "ActionParameterMissing", "The action " + action + " requires the parameter "
                + parameter + " to be present in the request body.", parameter, action, parameter);
    }

    static RedfishError actionParameterNotSupported(String action, String parameter, Object value) {
        return new RedfishError(400, "ActionParameterValueNotInList", "The value '" + value + "' for the parameter "
                + parameter + " in the action " + action + " is not in the list of acceptable values.", parameter,
                String.valueOf(value), parameter, action);
    }

    static RedfishError noValidSession() {
        return new RedfishError(401, "NoValidSession",
                "There is no valid session established with the implementation.", null);
    }

    static RedfishError preconditionFailed() {
        return new RedfishError(412, "PreconditionFailed",
                "The ETag supplied did not match the ETag required to change this resource.", null);
    }

    static RedfishError sessionLimitExceeded(int max) {
        return new RedfishError(503, "SessionLimitExceeded", "The session establishment failed due to the number of"
                + " simultaneous sessions exceeding the limit of the implementation (" + max + ").", null);
    }

    static RedfishError internalError() {
        return new RedfishError(500, "InternalError", "The request failed due to an internal service error. The"
                + " service is still operational.", null);
    }

    static RedfishError serviceTemporarilyUnavailable() {
        return new RedfishError(503, "ServiceTemporarilyUnavailable",
                "The service is temporarily unavailable. Retry in 30 seconds.", null, "30");
    }
}
