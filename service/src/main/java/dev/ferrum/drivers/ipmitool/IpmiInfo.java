package dev.ferrum.drivers.ipmitool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A node's IPMI driver_info, parsed and checked with the messages an operator needs to fix it.
 *
 * @param port                null for ipmitool's default (623)
 * @param cipherSuite         null to let ipmitool discover it (slow on some BMCs: each call then waits for discovery)
 * @param bridging            no, single or dual; the bridging addresses are null unless it needs them
 * @param disableBootTimeout  null means [ipmi]disable_boot_timeout
 */
public record IpmiInfo(String address, Integer port, String username, String password, String privLevel,
                       String protocolVersion, Integer cipherSuite, String bridging, String localAddress,
                       String transitChannel, String transitAddress, String targetChannel, String targetAddress,
                       Integer terminalPort, boolean forceBootDevice, Boolean disableBootTimeout, String hexKgKey) {
    static final List<String> PRIV_LEVELS = List.of("ADMINISTRATOR", "CALLBACK", "OPERATOR", "USER");
    static final List<String> PROTOCOL_VERSIONS = List.of("1.5", "2.0");
    static final List<String> BRIDGING = List.of("single", "dual", "no");

    /** The BMC's identity for pacing and serialising commands: one BMC may front several nodes. */
    String bmcKey() {
        return address + ":" + (port == null ? 623 : port);
    }

    public static IpmiInfo of(Task task) {
        Object raw = task.node().get("driver_info");
        return parse(raw instanceof JsonNode j ? j : MissingNode.getInstance());
    }

    static IpmiInfo parse(JsonNode info) {
        String address = text(info, "ipmi_address");
        if (address == null || address.isBlank()) {
            throw FerrumException.invalid("Missing the following IPMI credentials in node's driver_info: ipmi_address.");
        }
        address = address.trim();
        if (address.chars().anyMatch(Character::isWhitespace) || address.startsWith("-")) {
            throw FerrumException.invalid("Invalid ipmi_address '%s' in driver_info: it must be a host name or IP address.",
                    address);
        }
        String priv = text(info, "ipmi_priv_level");
        priv = priv == null ? "ADMINISTRATOR" : priv.toUpperCase(Locale.ROOT);
        if (!PRIV_LEVELS.contains(priv)) {
            throw FerrumException.invalid("Invalid privilege level value: %s, the valid value can be one of %s.",
                    text(info, "ipmi_priv_level"), String.join(", ", PRIV_LEVELS));
        }
        String version = text(info, "ipmi_protocol_version");
        version = version == null ? "2.0" : version;
        if (!PROTOCOL_VERSIONS.contains(version)) {
            throw FerrumException.invalid("Invalid IPMI protocol version value %s, the valid value can be one of %s.",
                    version, String.join(", ", PROTOCOL_VERSIONS));
        }
        Integer cipher = integer(info, "ipmi_cipher_suite", 0, 255);
        if (cipher != null && version.equals("1.5")) {
            throw FerrumException.invalid("ipmi_cipher_suite is set to %d, but cipher suites exist only with IPMI protocol "
                    + "version 2.0 (ipmi_protocol_version is 1.5).", cipher);
        }
        String bridging = text(info, "ipmi_bridging");
        bridging = bridging == null ? "no" : bridging;
        if (!BRIDGING.contains(bridging)) {
            throw FerrumException.invalid("Invalid value for ipmi_bridging: %s, the valid value can be one of: %s.",
                    bridging, String.join(", ", BRIDGING));
        }
        String local = null, transitChannel = null, transitAddress = null, targetChannel = null, targetAddress = null;
        if (!bridging.equals("no")) {
            List<String> missing = new ArrayList<>();
            targetChannel = required(info, "ipmi_target_channel", missing);
            targetAddress = required(info, "ipmi_target_address", missing);
            if (bridging.equals("dual")) {
                transitChannel = required(info, "ipmi_transit_channel", missing);
                transitAddress = required(info, "ipmi_transit_address", missing);
            }
            if (!missing.isEmpty()) {
                throw FerrumException.invalid("ipmi_bridging is %s, but driver_info lacks %s.", bridging,
                        String.join(", ", missing));
            }
            local = text(info, "ipmi_local_address");
        }
        String kg = text(info, "ipmi_hex_kg_key");
        if (kg != null) {
            if (kg.length() % 2 != 0) {
                throw FerrumException.invalid("Number of ipmi_hex_kg_key characters is not even.");
            }
            if (!kg.matches("[0-9a-fA-F]{0,40}")) {
                throw FerrumException.invalid("ipmi_hex_kg_key must be at most 40 hexadecimal characters.");
            }
        }
        return new IpmiInfo(address, integer(info, "ipmi_port", 1, 65535), text(info, "ipmi_username"),
                text(info, "ipmi_password"), priv, version, cipher, bridging, local, transitChannel, transitAddress,
                targetChannel, targetAddress, integer(info, "ipmi_terminal_port", 1, 65535),
                bool(info, "ipmi_force_boot_device", false), bool(info, "ipmi_disable_boot_timeout", null), kg);
    }

    private static String required(JsonNode info, String key, List<String> missing) {
        String v = text(info, key);
        if (v == null || v.isBlank()) {
            missing.add(key);
        } else if (!v.trim().matches("(0x)?[0-9a-fA-F]+")) {
            throw FerrumException.invalid("Invalid %s '%s' in driver_info: it must be a number (decimal or 0x hexadecimal).",
                    key, v);
        }
        return v == null ? null : v.trim();
    }

    private static Integer integer(JsonNode info, String key, int min, int max) {
        String v = text(info, key);
        if (v == null || v.isBlank()) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw FerrumException.invalid("%s \"%s\" is not a valid integer.", key, v);
        }
        if (n < min || n > max) {
            throw FerrumException.invalid("%s \"%s\" is out of range: it must be between %d and %d.", key, v, min, max);
        }
        return n;
    }

    private static Boolean bool(JsonNode info, String key, Boolean dflt) {
        JsonNode n = info.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return switch (n.asText().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1", "y", "t" -> true;
            case "false", "no", "off", "0", "n", "f" -> false;
            default -> throw FerrumException.invalid("Invalid %s '%s' in driver_info: it must be a boolean.", key, n.asText());
        };
    }

    private static String text(JsonNode info, String key) {
        JsonNode n = info.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
