package dev.ferrum.common.config;

import java.util.List;

/** The [ipmi] section: options of the ipmi hardware type's interfaces (names as in ironic.conf). */
public final class IpmiOptions {
    public static final Opt<Integer> COMMAND_RETRY_TIMEOUT = Opt.integer("ipmi", "command_retry_timeout", 60, 1, 3600,
            "Seconds one IPMI operation may take, retries of transient BMC errors included; ipmitool is killed beyond it.");
    public static final Opt<Integer> MIN_COMMAND_INTERVAL = Opt.integer("ipmi", "min_command_interval", 5, 0, 600,
            "Minimum seconds between two commands sent to the same BMC: many BMCs fail when driven faster.");
    public static final Opt<Boolean> USE_IPMITOOL_RETRIES = Opt.bool("ipmi", "use_ipmitool_retries", false,
            "Let ipmitool retry lost packets itself (-R/-N) instead of Ferrum retrying whole commands.");
    public static final Opt<Boolean> KILL_ON_TIMEOUT = Opt.bool("ipmi", "kill_on_timeout", true,
            "Kill an ipmitool process that outlives command_retry_timeout; false lets it run and only stops waiting.");
    public static final Opt<Boolean> DISABLE_BOOT_TIMEOUT = Opt.bool("ipmi", "disable_boot_timeout", true,
            "Disable the BMC's 60 s boot flag timeout when setting a boot device (driver_info ipmi_disable_boot_timeout wins).");
    public static final Opt<List<String>> ADDITIONAL_RETRYABLE_IPMI_ERRORS = Opt.list("ipmi",
            "additional_retryable_ipmi_errors", "", "More ipmitool error substrings that mean 'try again'.");
    public static final Opt<Boolean> DEBUG = Opt.bool("ipmi", "debug", false, "Run ipmitool with -v and log its output.");

    private IpmiOptions() {
    }
}
