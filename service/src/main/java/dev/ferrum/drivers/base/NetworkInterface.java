package dev.ferrum.drivers.base;

/** Attaches a node's ports to networks; VIF bookkeeping lives in the conductor's Vifs. */
public interface NetworkInterface extends DriverInterface {
    @Override
    default String type() {
        return "network";
    }
}
