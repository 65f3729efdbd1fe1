package dev.ferrum.drivers.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * A node's Redfish driver_info, parsed and checked. The address gets https:// when it names no scheme, as
 * Ironic does; {@code redfish_verify_ca} is a boolean or the path of a CA bundle.
 *
 * @param verifyCa     false to accept any certificate, true for the JVM's trust store
 * @param caBundle     a PEM file to trust instead of the JVM's store, or null
 * @param systemId     the system's path (/redfish/v1/Systems/1) or null to use the BMC's only system
 * @param authType     auto, basic or session; null means [redfish]auth_type
 */
public record RedfishInfo(URI address, String systemId, String username, String password, boolean verifyCa,
                          Path caBundle, String authType) {
    private static final Set<String> AUTH_TYPES = Set.of("auto", "basic", "session");

    /** The BMC a connection is for: address, user and TLS settings (the password is checked on use). */
    public String bmcKey() {
        return address + "|" + (username == null ? "" : username) + "|" + verifyCa + "|" + caBundle + "|" + authType;
    }

    public static RedfishInfo of(Task task) {
        Object raw = task.node().get("driver_info");
        JsonNode info = raw instanceof JsonNode j ? j : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        return parse(info);
    }

    static RedfishInfo parse(JsonNode info) {
        String address = text(info, "redfish_address");
        if (address == null || address.isBlank()) {
            throw FerrumException.invalid("Missing the following Redfish properties in node's driver_info: redfish_address");
        }
        URI uri = address(address.trim());
        String systemId = text(info, "redfish_system_id");
        if (systemId != null) {
            systemId = systemId.trim();
            if (!systemId.startsWith("/")) {
                throw FerrumException.invalid("Invalid redfish_system_id '%s' in driver_info: it must be the system's path, "
                        + "e.g. /redfish/v1/Systems/1.", systemId);
            }
            systemId = systemId.replaceAll("/+$", "");
        }
        String authType = text(info, "redfish_auth_type");
        if (authType != null && !AUTH_TYPES.contains(authType)) {
            throw FerrumException.invalid("Invalid redfish_auth_type '%s' in driver_info; valid values are auto, basic, session.",
                    authType);
        }
        boolean verify = true;
        Path bundle = null;
        JsonNode v = info.get("redfish_verify_ca");
        if (v != null && !v.isNull()) {
            if (v.isBoolean()) {
                verify = v.booleanValue();
            } else {
                String s = v.asText().trim();
                switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1" -> verify = true;
                    case "false", "no", "off", "0" -> verify = false;
                    default -> {
                        bundle = Path.of(s);
                        if (!Files.isRegularFile(bundle)) {
                            throw FerrumException.invalid("Invalid value '%s' of redfish_verify_ca in driver_info: it must be a "
                                    + "boolean or the path of an existing CA bundle file.", s);
                        }
                    }
                }
            }
        }
        return new RedfishInfo(uri, systemId, text(info, "redfish_username"), text(info, "redfish_password"), verify, bundle,
                authType);
    }

    private static URI address(String address) {
        String withScheme = address.contains("://") ? address : "https://" + address;
        URI uri;
        try {
            uri = new URI(withScheme.replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            throw FerrumException.invalid("Invalid Redfish address '%s' in driver_info: %s.", address, e.getReason());
        }
        if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
            throw FerrumException.invalid("Invalid Redfish address '%s' in driver_info: it must be a host name or IP address, "
                    + "optionally with http:// or https:// and a port.", address);
        }
        return uri;
    }

    private static String text(JsonNode info, String key) {
        JsonNode n = info.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
