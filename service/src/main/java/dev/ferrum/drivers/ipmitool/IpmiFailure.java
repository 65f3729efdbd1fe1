package dev.ferrum.drivers.ipmitool;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;

/**
 * An IPMI command failed: the BMC refused it, did not answer, or ipmitool could not run. The message names the
 * BMC, the command and ipmitool's own explanation, and becomes the node's last_error; it never holds the password.
 */
public final class IpmiFailure extends FerrumException {
    IpmiFailure(String message) {
        super(ErrorCode.INTERNAL, message);
    }
}
