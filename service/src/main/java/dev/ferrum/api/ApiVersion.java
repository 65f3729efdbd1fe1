package dev.ferrum.api;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import java.util.Locale;

/**
 * Microversion negotiation, as Ironic does it: no header means 1.1, {@code latest} the maximum, and any
 * malformed or unsupported version is refused with 406.
 */
public final class ApiVersion {
    public static final int MIN = 1;
    public static final int MAX = 82;
    public static final String HEADER = "X-OpenStack-Ironic-API-Version";
    public static final String STANDARD_HEADER = "OpenStack-API-Version";
    public static final String MIN_HEADER = "X-OpenStack-Ironic-API-Minimum-Version";
    public static final String MAX_HEADER = "X-OpenStack-Ironic-API-Maximum-Version";

    private ApiVersion() {
    }

    public static String string(int minor) {
        return "1." + minor;
    }

    /** Returns the requested minor version (major is always 1). */
    public static int negotiate(String ironicHeader, String standardHeader) {
        String requested = ironicHeader;
        if (requested == null && standardHeader != null) {
            requested = fromStandardHeader(standardHeader);
        }
        if (requested == null) {
            return MIN;
        }
        String v = requested.strip();
        if (v.toLowerCase(Locale.ROOT).equals("latest")) {
            return MAX;
        }
        String[] parts = v.split("\\.");
        int major;
        int minor;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            major = Integer.parseInt(parts[0]);
            minor = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw FerrumException.notAcceptable("Invalid value for %s header", HEADER);
        }
        if (major != 1) {
            throw new FerrumException(ErrorCode.VERSION_NOT_ACCEPTABLE, String.format(
                    "Mutually exclusive versions requested. Version %s requested but not supported by this service. "
                            + "The supported version range is: [%s, %s].", v, string(MIN), string(MAX)));
        }
        if (minor < MIN || minor > MAX) {
            throw new FerrumException(ErrorCode.VERSION_NOT_ACCEPTABLE, String.format(
                    "Version %s was requested but the minor version is not supported by this service. "
                            + "The supported version range is: [%s, %s].", v, string(MIN), string(MAX)));
        }
        return minor;
    }

    /** {@code OpenStack-API-Version: baremetal 1.50} (other services' entries are ignored). */
    private static String fromStandardHeader(String header) {
        for (String entry : header.split(",")) {
            String[] kv = entry.strip().split("\\s+", 2);
            if (kv.length == 2 && kv[0].equalsIgnoreCase("baremetal")) {
                return kv[1];
            }
        }
        return null;
    }
}
