package dev.ferrum.lab.redfish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.util.List;

/**
 * One Redfish request: its method, its path below /redfish/v1 split into segments ("Systems", "1", "Bios"), and
 * its body, parsed on demand. Actions may come without a body (sushy's EjectMedia and ResetBios do).
 */
record Request(String method, String path, List<String> segments, Headers headers, byte[] body) {

    String segment(int i) {
        return i < segments.size() ? segments.get(i) : null;
    }

    int depth() {
        return segments.size();
    }

    boolean is(String m) {
        return method.equals(m);
    }

    /** The JSON object body; an absent body is an empty object, anything else not an object is a 400. */
    ObjectNode json() {
        if (body.length == 0) {
            return Json.object();
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw RedfishError.malformedJson(e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw RedfishError.malformedJson(e.getMessage());
        }
        if (n == null || n.isMissingNode()) {
            return Json.object();
        }
        if (!(n instanceof ObjectNode o)) {
            throw RedfishError.malformedJson("the body must be a JSON object");
        }
        return o;
    }

    /** An optional string property of the body: null when absent, a 400 when present but not a string. */
    static String text(ObjectNode body, String field, String property) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw RedfishError.propertyValueTypeError(property, v.toString());
        }
        return v.asText();
    }

    /** Refuses a PATCH whose If-Match names another version of the resource (sushy sends the ETag it read). */
    void checkIfMatch(String etag) {
        String ifMatch = headers.getFirst("If-Match");
        if (ifMatch == null || ifMatch.equals("*")) {
            return;
        }
        String want = strip(etag);
        for (String candidate : ifMatch.split(",")) {
            if (strip(candidate.trim()).equals(want)) {
                return;
            }
        }
        throw RedfishError.preconditionFailed();
    }

    private static String strip(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
