package dev.ferrum.drivers.base;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The boot mode a node is to boot in, found as Ironic finds it: the instance's {@code deploy_boot_mode}, then
 * the {@code boot_mode} capability in properties, then the mode the BMC last reported, then the configured default.
 */
public final class BootMode {
    public static final String UEFI = "uefi";
    public static final String BIOS = "bios";

    private BootMode() {
    }

    public static String of(Map<String, Object> node, String configuredDefault) {
        String mode = text(node.get("instance_info"), "deploy_boot_mode");
        if (mode == null) {
            mode = capability(node.get("properties"), "boot_mode");
        }
        if (mode == null && node.get("boot_mode") != null) {
            mode = node.get("boot_mode").toString();
        }
        return mode == null || !(mode.equals(UEFI) || mode.equals(BIOS)) ? configuredDefault : mode;
    }

    /** A key of properties.capabilities, which is "k1:v1,k2:v2" (or, from some clients, a JSON object). */
    public static String capability(Object properties, String key) {
        if (!(properties instanceof JsonNode p)) {
            return null;
        }
        JsonNode caps = p.get("capabilities");
        if (caps == null || caps.isNull()) {
            return null;
        }
        if (caps.isObject()) {
            return caps.hasNonNull(key) ? caps.get(key).asText() : null;
        }
        for (String kv : caps.asText().split(",")) {
            String[] pair = kv.split(":", 2);
            if (pair.length == 2 && pair[0].trim().equals(key)) {
                return pair[1].trim();
            }
        }
        return null;
    }

    private static String text(Object json, String key) {
        return json instanceof JsonNode j && j.hasNonNull(key) ? j.get(key).asText() : null;
    }
}
