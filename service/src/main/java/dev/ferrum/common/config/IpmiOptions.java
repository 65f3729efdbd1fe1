package dev.ferrum.common.config;

/** The [ipmi] section: options of the ipmi hardware type's interfaces (names as in ironic.conf). */
public final class IpmiOptions {
    private IpmiOptions() {
    }
}
