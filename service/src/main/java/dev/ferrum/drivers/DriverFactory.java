package dev.ferrum.drivers;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.config.Config;
import dev.ferrum.common.config.ConfigException;
import dev.ferrum.common.config.Options;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.ferrum.drivers.base.DriverInterface;
import dev.ferrum.drivers.fake.Delay;
import dev.ferrum.drivers.fake.FakeInterfaces;
import dev.ferrum.drivers.generic.HardwareInterfaces;
import dev.ferrum.drivers.ipmitool.IpmitoolInterfaces;
import dev.ferrum.drivers.noop.NoopInterfaces;
import dev.ferrum.drivers.redfish.RedfishInterfaces;

/**
 * Which hardware types and interfaces this deployment enables ({@code enabled_*} options), and the
 * interface each node gets: the one it names, checked, or the default for its hardware type.
 */
public final class DriverFactory {
    private final Map<String, HardwareType> enabled = new LinkedHashMap<>();
    private final Map<String, List<String>> enabledInterfaces = new LinkedHashMap<>();
    private final Map<String, String> configuredDefaults = new LinkedHashMap<>();
    /** Every interface implementation, by type then name; each is stateless and shared by all nodes. */
    private final Map<String, Map<String, DriverInterface>> implementations = new LinkedHashMap<>();

    public DriverFactory(Config config) {
        Map<String, HardwareType> known = new LinkedHashMap<>();
        HardwareTypes.ALL.forEach(h -> known.put(h.name(), h));
        List<String> problems = new ArrayList<>();
        for (String name : config.get(Options.ENABLED_HARDWARE_TYPES)) {
            HardwareType h = known.get(name);
            if (h == null) {
                problems.add("unknown hardware type '" + name + "' in [DEFAULT]enabled_hardware_types (known: "
                        + String.join(", ", known.keySet()) + ")");
            } else {
                enabled.put(name, h);
            }
        }
        for (String type : Options.INTERFACE_TYPES) {
            enabledInterfaces.put(type, config.get(Options.ENABLED_INTERFACES.get(type)));
            String dflt = config.get(Options.DEFAULT_INTERFACES.get(type));
            if (!dflt.isEmpty()) {
                if (!enabledInterfaces.get(type).contains(dflt)) {
                    problems.add("[DEFAULT]default_" + type + "_interface '" + dflt + "' is not in enabled_" + type + "_interfaces");
                }
                configuredDefaults.put(type, dflt);
            }
        }
        for (HardwareType h : enabled.values()) {
            for (String type : Options.INTERFACE_TYPES) {
                if (enabledFor(h, type).isEmpty()) {
                    problems.add("hardware type '" + h.name() + "' has no enabled " + type + " interface (it supports "
                            + String.join(", ", h.supported(type)) + ")");
                }
            }
        }
        Map<String, Delay> delays = new LinkedHashMap<>();
        Options.FAKE_DELAYS.forEach((type, opt) -> delays.put(type, Delay.parse(opt.name(), config.get(opt))));
        List<DriverInterface> all = new ArrayList<>(FakeInterfaces.all(delays));
        all.addAll(NoopInterfaces.all());
        all.addAll(HardwareInterfaces.all());
        all.addAll(IpmitoolInterfaces.all(config));
        all.addAll(RedfishInterfaces.all(config));
        for (DriverInterface i : all) {
            implementations.computeIfAbsent(i.type(), k -> new LinkedHashMap<>()).put(i.name(), i);
        }
        if (enabled.isEmpty()) {
            problems.add("[DEFAULT]enabled_hardware_types is empty");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid driver configuration: " + String.join("; ", problems));
        }
    }

    /** The driver of a node: its hardware type and the implementation of each of its X_interface fields. */
    public Driver driverFor(Map<String, Object> node) {
        HardwareType h = require((String) node.get("driver"));
        Map<String, DriverInterface> chosen = new LinkedHashMap<>();
        for (String type : Options.INTERFACE_TYPES) {
            Object name = node.get(type + "_interface");
            String n = name == null ? defaultFor(h, type) : name.toString();
            DriverInterface impl = implementations.getOrDefault(type, Map.of()).get(n);
            if (impl == null) {
                throw FerrumException.invalid("The %s interface '%s' of node %s is not available; enabled: %s.",
                        type, n, node.get("uuid"), String.join(", ", enabledInterfaces.get(type)));
            }
            chosen.put(type, impl);
        }
        return new Driver(h, chosen);
    }

    /** An interface implementation by type and name, if Ferrum has it. */
    public Optional<DriverInterface> implementation(String type, String name) {
        return Optional.ofNullable(implementations.getOrDefault(type, Map.of()).get(name));
    }

    public List<HardwareType> enabledHardwareTypes() {
        return List.copyOf(enabled.values());
    }

    public Optional<HardwareType> hardwareType(String name) {
        return Optional.ofNullable(enabled.get(name));
    }

    public HardwareType require(String driver) {
        HardwareType h = enabled.get(driver);
        if (h == null) {
            throw FerrumException.invalid("Cannot find the hardware type '%s'; enabled hardware types are: %s.",
                    driver, String.join(", ", enabled.keySet()));
        }
        return h;
    }

    /** Interfaces of this type that are both supported by the hardware type and enabled, in preference order. */
    public List<String> enabledFor(HardwareType h, String type) {
        List<String> on = enabledInterfaces.get(type);
        return h.supported(type).stream().filter(on::contains).toList();
    }

    public String defaultFor(HardwareType h, String type) {
        String configured = configuredDefaults.get(type);
        List<String> candidates = enabledFor(h, type);
        if (configured != null && candidates.contains(configured)) {
            return configured;
        }
        return candidates.getFirst();
    }

    /**
     * Fills every {@code X_interface} field of a node being created or re-driven: names the client gave are
     * checked; the others get the hardware type's default (or keep their value when it is still valid).
     *
     * @param explicit interface fields the client set in this request
     * @param reset    reset every other interface to the hardware type's default (PATCH ?reset_interfaces=true)
     */
    public void resolveInterfaces(Map<String, Object> node, HardwareType h, java.util.Set<String> explicit, boolean reset) {
        for (String type : Options.INTERFACE_TYPES) {
            String field = type + "_interface";
            Object value = node.get(field);
            if (explicit.contains(field) && value != null) {
                check(h, type, value.toString());
            } else if (value == null || reset) {
                node.put(field, defaultFor(h, type));
            } else {
                check(h, type, value.toString()); // a kept interface must suit a new hardware type
            }
        }
    }

    private void check(HardwareType h, String type, String name) {
        if (!enabledInterfaces.get(type).contains(name)) {
            throw FerrumException.invalid("Could not find the %s interface '%s'. Valid interfaces are: %s.",
                    type, name, String.join(", ", enabledInterfaces.get(type)));
        }
        if (!h.supported(type).contains(name)) {
            throw FerrumException.invalid("%s interface implementation '%s' is not supported by hardware type %s "
                    + "(it supports: %s). To switch hardware type and reset interfaces, PATCH with ?reset_interfaces=true.",
                    type, name, h.name(), String.join(", ", enabledFor(h, type)));
        }
    }
}
