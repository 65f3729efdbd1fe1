package dev.ferrum.drivers.base;

import dev.ferrum.conductor.Task;
import java.util.List;
import java.util.Map;

/** Driver-specific methods reached through /vendor_passthru. */
public interface VendorInterface extends DriverInterface {
    @Override
    default String type() {
        return "vendor";
    }

    /** A passthru method's metadata as Ironic lists it. */
    record Method(String name, List<String> httpMethods, boolean async, String description, boolean attach,
                  boolean requireExclusiveLock) {
        public Map<String, Object> describe() {
            return Map.of("http_methods", httpMethods, "async", async, "description", description, "attach", attach,
                    "require_exclusive_lock", requireExclusiveLock);
        }
    }

    default Map<String, Method> methods() {
        return Map.of();
    }

    /** Runs a passthru method; the returned value becomes the response body. */
    default Object call(Task task, String method, String httpMethod, Map<String, Object> args) {
        throw Unsupported.of(task, "vendor");
    }
}
