package dev.ferrum.lab.redfish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a resource answers: a status, an optional JSON body and extra headers (ETag, Location, X-Auth-Token). */
final class Reply {
    final int status;
    final ObjectNode body;
    final Map<String, String> headers = new LinkedHashMap<>();
    /** A non-JSON body (the CSDL $metadata document), sent as is. */
    byte[] raw;

    private Reply(int status, ObjectNode body) {
        this.status = status;
        this.body = body;
    }

    static Reply xml(String document) {
        Reply r = new Reply(200, null);
        r.raw = document.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        r.headers.put("Content-Type", "application/xml");
        return r;
    }

    static Reply ok(ObjectNode body) {
        return new Reply(200, body);
    }

    static Reply created(ObjectNode body) {
        return new Reply(201, body);
    }

    static Reply noContent() {
        return new Reply(204, null);
    }

    static Reply status(int status, ObjectNode body) {
        return new Reply(status, body);
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** A weak ETag from a resource version: sushy echoes it in If-Match on the next PATCH. */
    Reply etag(long version) {
        return header("ETag", etagOf(version));
    }

    static String etagOf(long version) {
        return "W/\"" + version + "\"";
    }
}
