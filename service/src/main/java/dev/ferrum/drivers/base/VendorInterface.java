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

    /**
     * Checks a call's arguments before it runs (synchronously, also for asynchronous methods), so bad input
     * is answered with a 400 instead of failing in a worker.
     */
    default void validateCall(Task task, String method, String httpMethod, Map<String, Object> args) {
    }

    /** Runs a passthru method; the returned value becomes the response body. */
    default Object call(Task task, String method, String httpMethod, Map<String, Object> args) {
        throw Unsupported.of(task, "vendor");
    }

    /**
     * Implemented by vendor interfaces that also offer driver-level methods
     * ({@code /v1/drivers/{driver}/vendor_passthru}), which run without a node.
     */
    interface DriverLevel {
        Map<String, Method> driverMethods();

        default void validateDriverCall(String method, String httpMethod, Map<String, Object> args) {
        }

        Object driverCall(String method, String httpMethod, Map<String, Object> args);
    }
}
