package dev.ferrum.api;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ironic's error document: {@code {"error_message": "<JSON string>"}} where the inner JSON holds
 * faultcode, faultstring and debuginfo. Clients parse both layers.
 */
public final class Faults {
    private Faults() {
    }

    /** Routing errors: {code, title, description} inside error_message, as Ironic's web framework writes them. */
    public static String routingBody(int status, String title, String description) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("code", status);
        doc.put("title", title);
        doc.put("description", description);
        return Json.write(Map.of("error_message", Json.write(doc)));
    }

    public static String body(ErrorCode code, String message) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("faultcode", code.faultCode());
        fault.put("faultstring", message);
        fault.put("debuginfo", null);
        return Json.write(Map.of("error_message", Json.write(fault)));
    }
}
