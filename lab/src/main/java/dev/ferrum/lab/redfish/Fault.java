package dev.ferrum.lab.redfish;

/** What an emulated BMC (or one of its systems) does wrong, on purpose. */
public enum Fault {
    /** Answers normally. */
    NONE,
    /** Accepts the request and never answers, until the fault is cleared or the emulator closes. */
    HANG,
    /** 500 Internal Server Error. */
    SERVER_ERROR,
    /** 503 Service Unavailable, as a BMC that is rebooting or busy. */
    UNAVAILABLE,
    /** 401 for every request, as after a password change on the BMC. */
    WRONG_CREDENTIALS
}
