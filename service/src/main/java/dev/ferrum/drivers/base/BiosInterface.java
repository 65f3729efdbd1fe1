package dev.ferrum.drivers.base;

/** The bios interface: its work is done by clean and deploy steps. */
public interface BiosInterface extends DriverInterface {
    @Override
    default String type() {
        return "bios";
    }
}
