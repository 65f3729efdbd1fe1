package dev.ferrum.lab.redfish;

/**
 * A failure the emulator plays instead of answering normally, set on the whole emulator (every request) or on one
 * system (requests under that system's Systems, Managers and Chassis resources). The emulator's fault wins.
 */
public enum Fault {
    /** Answer normally. */
    NONE,
    /** Accept the connection and never answer, until the fault is cleared (then answer) or the emulator closes. */
    HANG,
    /** 500 with a Redfish error body, like a BMC whose web service crashed mid-request. */
    SERVER_ERROR,
    /** 503 with a Redfish error body, like a BMC that is rebooting or busy. */
    UNAVAILABLE,
    /** 401 for every request, even with the right credentials: the BMC's password was changed under us. */
    WRONG_CREDENTIALS
}
