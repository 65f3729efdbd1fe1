package dev.ferrum.drivers.base;

/** The storage interface: its work is done by clean and deploy steps. */
public interface StorageInterface extends DriverInterface {
    @Override
    default String type() {
        return "storage";
    }
}
