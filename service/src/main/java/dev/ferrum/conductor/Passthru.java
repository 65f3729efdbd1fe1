package dev.ferrum.conductor;

import dev.ferrum.common.FerrumException;
import dev.ferrum.drivers.HardwareType;
import dev.ferrum.drivers.base.VendorInterface;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How vendor passthru calls run (for {@link NodeManagement}): the method is looked up and its HTTP method
 * checked, its arguments validated synchronously, then it runs now (synchronous methods, whose value is
 * the answer) or in a conductor worker (asynchronous ones, which answer nothing). A failing asynchronous
 * method is logged and leaves the node alone, as in Ironic.
 */
final class Passthru {
    private static final Logger LOG = LoggerFactory.getLogger(Passthru.class);

    private Passthru() {
    }

    static VendorInterface.Method route(Map<String, VendorInterface.Method> routes, String method, String httpMethod) {
        VendorInterface.Method m = routes.get(method);
        if (m == null) {
            throw FerrumException.invalid("No handler for method %s", method);
        }
        if (!m.httpMethods().contains(httpMethod)) {
            throw FerrumException.invalid("The method %s does not support HTTP %s", method, httpMethod);
        }
        return m;
    }

    /** Runs a node method under the task: an exclusive task hands its lock to the worker, a shared one has none. */
    static Map<String, Object> invoke(TaskManager tasks, Task task, VendorInterface.Method m, String httpMethod,
                                      Map<String, Object> info) {
        VendorInterface vendor = task.driver().vendor();
        vendor.validateCall(task, m.name(), httpMethod, info);
        if (!m.async()) {
            return result(vendor.call(task, m.name(), httpMethod, info), m);
        }
        Runnable call = () -> {
            try {
                vendor.call(task, m.name(), httpMethod, info);
            } catch (RuntimeException e) {
                LOG.error("Vendor passthru method {} of node {} failed: {}", m.name(), task.uuid(), e.getMessage());
            }
        };
        if (task.shared()) {
            tasks.workers().reserve().run(call);
        } else {
            task.spawnAfter(call);
        }
        return result(null, m);
    }

    static Map<String, Object> invokeDriver(TaskManager tasks, VendorInterface vendor, String method, String httpMethod,
                                            Map<String, Object> info) {
        VendorInterface.Method m = route(driverRoutes(vendor), method, httpMethod);
        VendorInterface.DriverLevel d = (VendorInterface.DriverLevel) vendor;
        d.validateDriverCall(m.name(), httpMethod, info);
        if (!m.async()) {
            return result(d.driverCall(m.name(), httpMethod, info), m);
        }
        tasks.workers().reserve().run(() -> {
            try {
                d.driverCall(m.name(), httpMethod, info);
            } catch (RuntimeException e) {
                LOG.error("Driver vendor passthru method {} of {} failed: {}", m.name(), vendor.name(), e.getMessage());
            }
        });
        return result(null, m);
    }

    /** Driver-level methods, which only vendor interfaces implementing {@link VendorInterface.DriverLevel} have. */
    static Map<String, VendorInterface.Method> driverRoutes(VendorInterface vendor) {
        return vendor instanceof VendorInterface.DriverLevel d ? d.driverMethods() : Map.of();
    }

    /** The hardware type's default vendor interface, which serves its driver-level calls. */
    static VendorInterface defaultVendor(TaskManager tasks, HardwareType h) {
        String name = tasks.drivers().defaultFor(h, "vendor");
        return (VendorInterface) tasks.drivers().implementation("vendor", name)
                .orElseThrow(() -> FerrumException.invalid("The vendor interface '%s' of hardware type %s is not available.",
                        name, h.name()));
    }

    /** method name → {http_methods, async, description, attach, require_exclusive_lock}, by name. */
    static Map<String, Map<String, Object>> describe(Map<String, VendorInterface.Method> routes) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        routes.forEach((name, m) -> out.put(name, m.describe()));
        return out;
    }

    private static Map<String, Object> result(Object ret, VendorInterface.Method m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("return", ret);
        out.put("async", m.async());
        out.put("attach", m.attach());
        return out;
    }
}
