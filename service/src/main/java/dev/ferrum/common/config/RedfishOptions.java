package dev.ferrum.common.config;

/** The [redfish] section: options of the redfish hardware type's interfaces (names as in ironic.conf). */
public final class RedfishOptions {
    private RedfishOptions() {
    }
}
