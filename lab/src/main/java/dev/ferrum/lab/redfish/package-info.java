/**
 * A Redfish BMC emulator: one {@link dev.ferrum.lab.redfish.RedfishEmulator} serves many ComputerSystems on one
 * port (/redfish/v1/Systems/{id}), each with its own Manager (virtual media) and Chassis, sessions and basic auth,
 * BIOS settings applied on the next boot, and faults to play. Built on the JDK's HttpServer with virtual threads,
 * so 10,000 systems in one process cost a few megabytes.
 */
package dev.ferrum.lab.redfish;
