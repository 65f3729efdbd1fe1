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

    /** Out-of-range microversions are refused by Ironic's version middleware with this simpler document. */
    public static String versionBody(String message) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("code", 406);
        doc.put("title", "Not Acceptable");
        doc.put("description", message);
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
