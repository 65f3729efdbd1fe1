package dev.ferrum.drivers.base;

/** The raid interface: its work is done by clean and deploy steps. */
public interface RaidInterface extends DriverInterface {
    @Override
    default String type() {
        return "raid";
    }
}
