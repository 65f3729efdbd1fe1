package dev.ferrum.conductor;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.drivers.Driver;
import dev.ferrum.drivers.base.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which clean and deploy steps run, in which order, with which arguments (Ironic's conductor/steps.py):
 * higher priority first; on a tie, the interface order power, management, deploy, bios, raid; priority 0
 * means "only when asked for". Steps are planned as plain maps so they can be stored on the node.
 */
public final class Steps {
    /** Interfaces whose steps may be requested, highest precedence first. */
    public static final List<String> INTERFACES = List.of("power", "management", "deploy", "bios", "raid");
    /** Reserved steps that every node understands: pause in a hold state, or wait some seconds. */
    static final String HOLD = "hold";
    static final String WAIT = "wait";

    private Steps() {
    }

    static final Comparator<Map<String, Object>> ORDER = Comparator
            .comparingInt((Map<String, Object> s) -> -((Number) s.get("priority")).intValue())
            .thenComparingInt(s -> INTERFACES.indexOf((String) s.get("interface")) < 0 ? INTERFACES.size()
                    : INTERFACES.indexOf((String) s.get("interface")));

    /** Automated cleaning: every clean step with a priority above zero. */
    public static List<Map<String, Object>> automatedClean(Driver driver) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Step s : driver.steps(Step.Kind.CLEAN)) {
            if (s.priority() > 0) {
                out.add(planned(s, Map.of(), s.priority()));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** Manual cleaning: the requested steps in the requested order, each checked against the driver's. */
    public static List<Map<String, Object>> manualClean(Driver driver, List<Map<String, Object>> requested,
                                                        boolean disableRamdisk) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Map<String, Object> r : requested) {
            String iface = (String) r.get("interface");
            String name = (String) r.get("step");
            Map<String, Object> args = args(r);
            if (isReserved(name)) {
                out.add(reserved(iface, name, args));
                continue;
            }
            // Ironic's wording, with the step as the operator wrote it; every problem is reported at once
            String shown = dev.ferrum.common.PyRepr.of(Json.MAPPER.valueToTree(r));
            java.util.Optional<Step> s = find(driver, Step.Kind.CLEAN, iface, name);
            if (s.isEmpty()) {
                errors.add("node does not support this clean step: " + shown);
                continue;
            }
            errors.addAll(argErrors(s.get(), args, shown));
            if (disableRamdisk && s.get().requiresRamdisk()) {
                errors.add("clean step " + shown + " requires booting a ramdisk");
            }
            out.add(planned(s.get(), args, s.get().priority()));
        }
        if (!errors.isEmpty()) {
            throw FerrumException.invalid(String.join("; ", errors));
        }
        return out;
    }

    /**
     * Deploy steps: the driver's enabled ones, overridden by deploy templates matching the node's traits and
     * then by the user's steps (same interface and step: the later wins; priority 0 disables).
     */
    public static List<Map<String, Object>> deploy(Driver driver, List<Map<String, Object>> fromTemplates,
                                                   List<Map<String, Object>> requested) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Step s : driver.steps(Step.Kind.DEPLOY)) {
            if (s.priority() > 0) {
                byKey.put(s.interfaceType() + "." + s.name(), planned(s, Map.of(), s.priority()));
            }
        }
        for (List<Map<String, Object>> overrides : List.of(fromTemplates, requested)) {
            for (Map<String, Object> r : overrides) {
                String iface = (String) r.get("interface");
                String name = (String) r.get("step");
                int priority = priority(r.get("priority"));
                Map<String, Object> args = args(r);
                String key = iface + "." + name;
                if (isReserved(name)) {
                    Map<String, Object> p = reserved(iface, name, args);
                    p.put("priority", priority);
                    byKey.put(key, p);
                    continue;
                }
                Step s = find(driver, Step.Kind.DEPLOY, iface, name).orElseThrow(() -> FerrumException.invalid(
                        "No deploy step named \"%s\" is available for node interface %s (%s). Available deploy steps: %s",
                        name, iface, driver.get(iface).name(), describe(driver, Step.Kind.DEPLOY)));
                List<String> errors = argErrors(s, args, dev.ferrum.common.PyRepr.of(Json.MAPPER.valueToTree(r)));
                if (priority > 0 && iface.equals("deploy") && name.equals("deploy")) {
                    errors.add("deploy step deploy on interface deploy is a core step and cannot be overridden by user "
                            + "steps. It may be disabled by setting the priority to 0");
                }
                if (!errors.isEmpty()) {
                    throw FerrumException.invalid(String.join("; ", errors));
                }
                byKey.put(key, planned(s, args, priority));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(byKey.values().stream()
                .filter(s -> ((Number) s.get("priority")).intValue() > 0).toList());
        out.sort(ORDER);
        return out;
    }

    static java.util.Optional<Step> find(Driver driver, Step.Kind kind, String iface, String name) {
        if (!INTERFACES.contains(iface)) {
            return java.util.Optional.empty();
        }
        return driver.get(iface).steps().stream().filter(s -> s.kind() == kind && s.name().equals(name)).findFirst();
    }

    /** Whether every planned clean step is done through the BMC alone, so no ramdisk needs booting for them. */
    static boolean allOutOfBand(Driver driver, List<Map<String, Object>> planned) {
        return !planned.isEmpty() && planned.stream().allMatch(p -> isReserved((String) p.get("step"))
                || find(driver, Step.Kind.CLEAN, (String) p.get("interface"), (String) p.get("step"))
                .map(st -> !st.requiresRamdisk()).orElse(false));
    }

    static boolean isReserved(String name) {
        return HOLD.equals(name) || WAIT.equals(name);
    }

    /** Runs one planned step (a map as stored in driver_internal_info). */
    static Step.Result execute(Task task, Step.Kind kind, Map<String, Object> planned) {
        String name = (String) planned.get("step");
        Map<String, Object> args = args(planned);
        if (HOLD.equals(name)) {
            return Step.Result.HOLD;
        }
        if (WAIT.equals(name)) {
            Object seconds = args.get("seconds");
            if (seconds instanceof Number n && n.longValue() > 0) {
                try {
                    Thread.sleep(n.longValue() * 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted during a wait step", e);
                }
                return Step.Result.DONE;
            }
            return Step.Result.WAIT;
        }
        Step s = find(task.driver(), kind, (String) planned.get("interface"), name).orElseThrow(() -> FerrumException.invalid(
                "The %s step %s.%s is no longer offered by node %s's driver.", kind.name().toLowerCase(),
                planned.get("interface"), name, task.uuid()));
        return s.body().run(task, args);
    }

    private static Map<String, Object> planned(Step s, Map<String, Object> args, int priority) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interface", s.interfaceType());
        m.put("step", s.name());
        m.put("args", args);
        m.put("priority", priority);
        if (s.kind() == Step.Kind.CLEAN) {
            m.put("abortable", s.abortable());
        }
        return m;
    }

    private static Map<String, Object> reserved(String iface, String name, Map<String, Object> args) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interface", iface);
        m.put("step", name);
        m.put("args", args);
        m.put("priority", 0);
        m.put("abortable", true);
        return m;
    }

    /** Ironic's argument checks of a requested step against the step's argsinfo. */
    private static List<String> argErrors(Step s, Map<String, Object> args, String shown) {
        Map<String, Step.ArgInfo> info = s.argsinfo() == null ? Map.of() : s.argsinfo();
        String kind = s.kind().name().toLowerCase(java.util.Locale.ROOT);
        List<String> errors = new ArrayList<>();
        List<String> unexpected = args.keySet().stream().filter(k -> !info.containsKey(k)).sorted().toList();
        if (!unexpected.isEmpty()) {
            errors.add(kind + " step " + shown + " has these unexpected arguments: " + String.join(", ", unexpected));
        }
        List<String> missing = info.entrySet().stream().filter(e -> e.getValue().required() && !args.containsKey(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + (e.getValue().description() == null ? "" : " (" + e.getValue().description() + ")"))
                .toList();
        if (!missing.isEmpty()) {
            errors.add(kind + " step " + shown + " is missing these required arguments: " + String.join(", ", missing));
        }
        return errors;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> args(Map<String, Object> step) {
        Object a = step.get("args");
        if (a == null) {
            return Map.of();
        }
        if (a instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        return Json.MAPPER.convertValue(a, Map.class);
    }

    /** Requested steps reach the conductor with integer priorities (the API normalises digit strings). */
    private static int priority(Object p) {
        if (!(p instanceof Number n)) {
            throw FerrumException.invalid("Invalid step priority '%s': must be a non-negative integer.", p);
        }
        return n.intValue();
    }

    static String describe(Driver driver, Step.Kind kind) {
        List<String> names = driver.steps(kind).stream().map(s -> s.interfaceType() + "." + s.name()).sorted().toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
