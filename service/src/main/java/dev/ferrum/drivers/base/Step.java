package dev.ferrum.drivers.base;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A clean or deploy step an interface offers: Ironic's {interface, step, priority, argsinfo, abortable}.
 * A priority of 0 means the step only runs when asked for (manual cleaning, deploy_steps, templates).
 * Steps done out of band through the BMC ({@code requiresRamdisk} false) may run in a manual cleaning with
 * {@code disable_ramdisk}, as Ironic's {@code requires_ramdisk=False} steps.
 */
public record Step(Kind kind, String interfaceType, String name, int priority, boolean abortable,
                   Map<String, ArgInfo> argsinfo, Body body, boolean requiresRamdisk) {
    public enum Kind { CLEAN, DEPLOY }

    /** What a step returns: finished, or waiting for an out-of-band callback (agent heartbeat, hold). */
    public enum Result { DONE, WAIT, HOLD }

    /** Documentation of one step argument. */
    public record ArgInfo(String description, boolean required) {
    }

    /** The step's work. */
    @FunctionalInterface
    public interface Body {
        Result run(dev.ferrum.conductor.Task task, Map<String, Object> args);
    }

    public Step {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(interfaceType);
        Objects.requireNonNull(name);
        argsinfo = argsinfo == null ? null : Map.copyOf(argsinfo);
        Objects.requireNonNull(body);
    }

    public static Step clean(String iface, String name, int priority, boolean abortable, Map<String, ArgInfo> argsinfo, Body body) {
        return new Step(Kind.CLEAN, iface, name, priority, abortable, argsinfo, body, true);
    }

    public static Step deploy(String iface, String name, int priority, Map<String, ArgInfo> argsinfo, Body body) {
        return new Step(Kind.DEPLOY, iface, name, priority, false, argsinfo, body, true);
    }

    /** The same step, done through the BMC alone: it needs no deploy ramdisk. */
    public Step outOfBand() {
        return new Step(kind, interfaceType, name, priority, abortable, argsinfo, body, false);
    }

    /** The step as Ironic lists it (GET .../steps and node.clean_step/deploy_step without args). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interface", interfaceType);
        m.put("step", name);
        m.put("priority", priority);
        if (kind == Kind.CLEAN) {
            m.put("abortable", abortable);
        }
        Map<String, Object> args = null;
        if (argsinfo != null) {
            args = new LinkedHashMap<>();
            for (var e : argsinfo.entrySet()) {
                args.put(e.getKey(), Map.of("description", e.getValue().description(), "required", e.getValue().required()));
            }
        }
        m.put("argsinfo", args);
        return m;
    }
}
