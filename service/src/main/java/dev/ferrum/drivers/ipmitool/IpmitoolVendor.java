package dev.ferrum.drivers.ipmitool;

import dev.ferrum.common.FerrumException;
import dev.ferrum.conductor.Task;
import dev.ferrum.drivers.base.VendorInterface;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ironic's ipmitool vendor passthru: {@code send_raw} bytes to the BMC, and {@code bmc_reset} (warm or cold). */
record IpmitoolVendor(Ipmitool ipmitool) implements VendorInterface, IpmitoolDriverInterface {
    private static final Logger LOG = LoggerFactory.getLogger(IpmitoolVendor.class);
    private static final Map<String, Method> METHODS = Map.of(
            "send_raw", new Method("send_raw", List.of("POST"), true, "Send raw bytes to the BMC. Required argument: "
                    + "'raw_bytes' - a string of raw bytes (e.g. '0x00 0x01').", false, true),
            "bmc_reset", new Method("bmc_reset", List.of("POST"), true, "Reset the BMC. Required argument: 'warm' "
                    + "(Boolean) - for warm (True) or cold (False) reset.", false, true));

    @Override
    public Map<String, Method> methods() {
        return METHODS;
    }

    @Override
    public void validateCall(Task task, String method, String httpMethod, Map<String, Object> args) {
        IpmiInfo.of(task);
        switch (method) {
            case "send_raw" -> rawBytes(args);
            case "bmc_reset" -> warm(args);
            default -> throw FerrumException.invalid("Unsupported method (%s) passed to the ipmitool vendor interface.", method);
        }
    }

    @Override
    public Object call(Task task, String method, String httpMethod, Map<String, Object> args) {
        validateCall(task, method, httpMethod, args);
        IpmiInfo info = IpmiInfo.of(task);
        if (method.equals("send_raw")) {
            List<String> command = new java.util.ArrayList<>(List.of("raw"));
            command.addAll(rawBytes(args));
            String out = ipmitool.run(info, command.toArray(String[]::new));
            LOG.info("send_raw to node {} returned: {}", task.uuid(), out.strip());
        } else {
            ipmitool.run(info, "bmc", "reset", warm(args) ? "warm" : "cold");
        }
        return null;
    }

    private static List<String> rawBytes(Map<String, Object> args) {
        Object raw = args.get("raw_bytes");
        if (raw == null || raw.toString().isBlank()) {
            throw FerrumException.invalid("Parameter raw_bytes (string of bytes) was not specified.");
        }
        List<String> bytes = List.of(raw.toString().trim().split("\\s+"));
        for (String b : bytes) {
            if (!b.matches("(0[xX])?[0-9a-fA-F]{1,2}")) {
                throw FerrumException.invalid("Invalid raw_bytes '%s': each byte must be hexadecimal, e.g. '0x00 0x01'.", raw);
            }
        }
        if (bytes.size() < 2) {
            throw FerrumException.invalid("Invalid raw_bytes '%s': a raw command needs at least a network function and a "
                    + "command byte.", raw);
        }
        return bytes;
    }

    private static boolean warm(Map<String, Object> args) {
        Object w = args.get("warm");
        if (w == null || w instanceof Boolean) {
            return w == null || (Boolean) w;
        }
        return switch (w.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> throw FerrumException.invalid("Invalid value '%s' of parameter 'warm': it must be a boolean.", w);
        };
    }
}
