package dev.ferrum.common;

import java.util.Set;

/** Ironic's provision and power state names, exactly as they appear on the wire. */
public final class States {
    public static final String ENROLL = "enroll";
    public static final String VERIFYING = "verifying";
    public static final String MANAGEABLE = "manageable";
    public static final String AVAILABLE = "available";
    public static final String ACTIVE = "active";
    public static final String DEPLOYING = "deploying";
    public static final String DEPLOY_WAIT = "wait call-back";
    public static final String DEPLOY_FAILED = "deploy failed";
    public static final String DEPLOY_HOLD = "deploy hold";
    public static final String DELETING = "deleting";
    public static final String CLEANING = "cleaning";
    public static final String CLEAN_WAIT = "clean wait";
    public static final String CLEAN_FAILED = "clean failed";
    public static final String CLEAN_HOLD = "clean hold";
    public static final String ERROR = "error";
    public static final String INSPECTING = "inspecting";
    public static final String INSPECT_WAIT = "inspect wait";
    public static final String INSPECT_FAILED = "inspect failed";
    public static final String ADOPTING = "adopting";
    public static final String ADOPT_FAILED = "adopt failed";
    public static final String RESCUING = "rescuing";
    public static final String RESCUE_WAIT = "rescue wait";
    public static final String RESCUE_FAILED = "rescue failed";
    public static final String RESCUE = "rescue";
    public static final String UNRESCUING = "unrescuing";
    public static final String UNRESCUE_FAILED = "unrescue failed";

    public static final String POWER_ON = "power on";
    public static final String POWER_OFF = "power off";
    public static final String REBOOT = "rebooting";
    public static final String SOFT_REBOOT = "soft rebooting";
    public static final String SOFT_POWER_OFF = "soft power off";

    /** Every provision state a node can be in (for validating filters). */
    public static final Set<String> ALL = Set.copyOf(ProvisionMachine.states());

    /** Values of a node's fault field. */
    public static final Set<String> FAULTS = Set.of("power failure", "clean failure", "rescue abort failure");

    /** States from which a node may be deleted without maintenance mode. */
    public static final Set<String> DELETE_ALLOWED = Set.of(AVAILABLE, MANAGEABLE, ENROLL, ADOPT_FAILED);

    /** States in which a port's connectivity attributes may change without maintenance mode. */
    public static final Set<String> PORT_UPDATE_ALLOWED = Set.of(ENROLL, INSPECTING, INSPECT_WAIT, MANAGEABLE);

    /** Transient states in which a node may still be updated (Ironic's UPDATE_ALLOWED_STATES). */
    public static final Set<String> UPDATE_ALLOWED = Set.of(DEPLOY_FAILED, INSPECTING, INSPECT_FAILED, INSPECT_WAIT,
            CLEAN_FAILED, ERROR, VERIFYING, ADOPT_FAILED, RESCUE_FAILED, UNRESCUE_FAILED);

    /** Power targets of {@code PUT /states/power}. */
    public static final Set<String> POWER_TARGETS = Set.of(POWER_ON, POWER_OFF, REBOOT, SOFT_REBOOT, SOFT_POWER_OFF);

    private States() {
    }
}
