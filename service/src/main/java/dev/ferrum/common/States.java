package dev.ferrum.common;

import java.util.Set;

/** Ironic's provision and power state names, exactly as they appear on the wire. */
public final class States {
    public static final String ENROLL = "enroll";
    public static final String VERIFYING = "verifying";
    public static final String MANAGEABLE = "manageable";
    public static final String AVAILABLE = "available";
    public static final String ACTIVE = "active";
    public static final String ADOPT_FAILED = "adopt failed";
    public static final String INSPECTING = "inspecting";
    public static final String INSPECT_WAIT = "inspect wait";

    public static final String POWER_ON = "power on";
    public static final String POWER_OFF = "power off";

    /** Every provision state a node can be in (for validating filters). */
    public static final Set<String> ALL = Set.of(ENROLL, VERIFYING, MANAGEABLE, INSPECTING, INSPECT_WAIT, "inspect failed",
            "cleaning", "clean wait", "clean failed", "clean hold", AVAILABLE, "deploying", "wait call-back", "deploy failed",
            "deploy hold", ACTIVE, "deleting", "error", "rebuild", "rescuing", "rescue wait", "rescue failed", "rescue",
            "unrescuing", "unrescue failed", "adopting", ADOPT_FAILED);

    /** Values of a node's fault field. */
    public static final Set<String> FAULTS = Set.of("power failure", "clean failure", "rescue abort failure");

    /** States from which a node may be deleted without maintenance mode. */
    public static final Set<String> DELETE_ALLOWED = Set.of(AVAILABLE, MANAGEABLE, ENROLL, ADOPT_FAILED);

    /** States in which a port's connectivity attributes may change without maintenance mode. */
    public static final Set<String> PORT_UPDATE_ALLOWED = Set.of(ENROLL, INSPECTING, INSPECT_WAIT, MANAGEABLE);

    private States() {
    }
}
