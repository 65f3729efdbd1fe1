package dev.ferrum.drivers.redfish;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;

/**
 * A BMC refused or failed a request. The message names the BMC, the request and the BMC's own explanation
 * (its Redfish error message), and becomes the node's last_error; it never holds credentials.
 */
public final class RedfishError extends FerrumException {
    private final int status;

    RedfishError(int status, String message) {
        // a request the BMC rejects as malformed came from the operator's input (settings, boot device)
        super(status == 400 ? ErrorCode.INVALID : ErrorCode.INTERNAL, message);
        this.status = status;
    }

    /** The BMC's HTTP status, or 0 when it could not be reached. */
    public int status() {
        return status;
    }
}
