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

    public static String body(ErrorCode code, String message) {
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("faultcode", code.faultCode());
        fault.put("faultstring", message);
        fault.put("debuginfo", null);
        return Json.write(Map.of("error_message", Json.write(fault)));
    }
}
