package dev.ferrum.drivers;

import java.util.Map;

/** driver_info properties each hardware type documents at GET /v1/drivers/{name}/properties. */
public final class DriverProperties {
    public static final Map<String, String> DEPLOY = Map.of(
            "deploy_kernel", "UUID or URL of the kernel of the deploy ramdisk. Required.",
            "deploy_ramdisk", "UUID or URL of the deploy ramdisk image. Required.",
            "rescue_kernel", "UUID or URL of the kernel booted for rescue. Required for rescue.",
            "rescue_ramdisk", "UUID or URL of the ramdisk booted for rescue. Required for rescue.",
            "kernel_append_params", "Extra kernel command line for the ramdisk. Optional.");

    public static final Map<String, String> IPMITOOL = merge(DEPLOY, Map.ofEntries(
            Map.entry("ipmi_address", "IP address or hostname of the BMC. Required."),
            Map.entry("ipmi_username", "BMC user name; empty means anonymous. Optional."),
            Map.entry("ipmi_password", "BMC password. Optional."),
            Map.entry("ipmi_port", "Remote IPMI RMCP port. Optional."),
            Map.entry("ipmi_priv_level", "Privilege level: ADMINISTRATOR (default), CALLBACK, OPERATOR or USER. Optional."),
            Map.entry("ipmi_protocol_version", "IPMI protocol version, \"1.5\" or \"2.0\" (default). Optional."),
            Map.entry("ipmi_cipher_suite", "IPMI cipher suite for lanplus sessions, e.g. 3 or 17. Optional."),
            Map.entry("ipmi_bridging", "Bridging type: \"single\", \"dual\" or \"no\" (default). Optional."),
            Map.entry("ipmi_transit_channel", "Transit channel for dual bridging. Optional."),
            Map.entry("ipmi_transit_address", "Transit address for dual bridging. Optional."),
            Map.entry("ipmi_target_channel", "Destination channel for bridged requests. Required for bridging."),
            Map.entry("ipmi_target_address", "Destination address for bridged requests. Required for bridging."),
            Map.entry("ipmi_local_address", "Local IPMB address for bridged requests. Optional."),
            Map.entry("ipmi_terminal_port", "Local port for the serial-over-LAN console. Optional."),
            Map.entry("ipmi_force_boot_device", "Whether Ferrum keeps the boot device set on every power on. Optional."),
            Map.entry("ipmi_disable_boot_timeout", "Whether to disable the BMC's 60 s boot flag timeout. Optional."),
            Map.entry("ipmi_hex_kg_key", "Hexadecimal Kg key for IPMIv2 authentication. Optional.")));

    public static final Map<String, String> REDFISH = merge(DEPLOY, Map.ofEntries(
            Map.entry("redfish_address", "The URL address to the Redfish controller. It must include the authority portion "
                    + "of the URL, and can optionally include the scheme. If the scheme is missing, https is assumed. "
                    + "For example: https://mgmt.vendor.com. Required."),
            Map.entry("redfish_system_id", "The canonical path to the ComputerSystem resource that the driver will interact "
                    + "with. It should include the root service, version and the unique resource path to the ComputerSystem. "
                    + "This property is only required if target BMC manages more than one ComputerSystem. Otherwise the "
                    + "driver will use the only available ComputerSystem. For example: /redfish/v1/Systems/1. Optional."),
            Map.entry("redfish_username", "User account with admin/server-profile access privilege. Optional."),
            Map.entry("redfish_password", "User account password. Optional."),
            Map.entry("redfish_verify_ca", "Either a Boolean value, a path to a CA_BUNDLE file or directory with certificates "
                    + "of trusted CAs. If set to True the driver will verify the host certificates; if False the driver will "
                    + "ignore verifying the SSL certificate. If it's a path the driver will use the specified certificate or "
                    + "one of the certificates in the directory. Defaults to True. Optional."),
            Map.entry("redfish_auth_type", "Redfish HTTP client authentication method. One of \"basic\", \"session\" or "
                    + "\"auto\". The \"auto\" mode first tries \"session\" and falls back to \"basic\" if session "
                    + "authentication is not supported by the Redfish BMC. Default is set in ironic config as "
                    + "[redfish]auth_type. Optional."),
            Map.entry("force_persistent_boot_device", "Whether to set the boot device persistently: \"Default\" (as asked), "
                    + "\"Always\" or \"Never\". Optional.")));

    private DriverProperties() {
    }

    /** The named entries of a property table (e.g. the required ones an interface validates). */
    public static Map<String, String> only(Map<String, String> table, String... keys) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String k : keys) {
            m.put(k, java.util.Objects.requireNonNull(table.get(k), k));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        var m = new java.util.HashMap<>(a);
        m.putAll(b);
        return Map.copyOf(m);
    }
}
