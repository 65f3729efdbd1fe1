package dev.ferrum.drivers.base;

/** The bios interface: its work is done by clean and deploy steps. */
public interface BiosInterface extends DriverInterface {
    @Override
    default String type() {
        return "bios";
    }

    /** Reads the node's BIOS settings into Ferrum's cache (GET /v1/nodes/{node}/bios); on verify, as Ironic. */
    default void cacheSettings(dev.ferrum.conductor.Task task) {
    }
}
