package dev.ferrum.drivers;

import dev.ferrum.drivers.base.BiosInterface;
import dev.ferrum.drivers.base.BootInterface;
import dev.ferrum.drivers.base.ConsoleInterface;
import dev.ferrum.drivers.base.DeployInterface;
import dev.ferrum.drivers.base.DriverInterface;
import dev.ferrum.drivers.base.InspectInterface;
import dev.ferrum.drivers.base.ManagementInterface;
import dev.ferrum.drivers.base.NetworkInterface;
import dev.ferrum.drivers.base.PowerInterface;
import dev.ferrum.drivers.base.RaidInterface;
import dev.ferrum.drivers.base.RescueInterface;
import dev.ferrum.drivers.base.Step;
import dev.ferrum.drivers.base.StorageInterface;
import dev.ferrum.drivers.base.VendorInterface;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One node's driver: its hardware type and the interface implementation of each type it uses. */
public record Driver(HardwareType hardwareType, Map<String, DriverInterface> interfaces) {
    /** Ironic validates these first, in this order; vendor is validated per method. */
    public static final List<String> NON_VENDOR = List.of("boot", "deploy", "management", "network", "power",
            "bios", "console", "inspect", "raid", "rescue", "storage");

    public Driver {
        Objects.requireNonNull(hardwareType);
        interfaces = Map.copyOf(interfaces);
    }

    public DriverInterface get(String type) {
        return Objects.requireNonNull(interfaces.get(type), type);
    }

    public PowerInterface power() {
        return (PowerInterface) get("power");
    }

    public ManagementInterface management() {
        return (ManagementInterface) get("management");
    }

    public BootInterface boot() {
        return (BootInterface) get("boot");
    }

    public DeployInterface deploy() {
        return (DeployInterface) get("deploy");
    }

    public InspectInterface inspect() {
        return (InspectInterface) get("inspect");
    }

    public RaidInterface raid() {
        return (RaidInterface) get("raid");
    }

    public BiosInterface bios() {
        return (BiosInterface) get("bios");
    }

    public ConsoleInterface console() {
        return (ConsoleInterface) get("console");
    }

    public RescueInterface rescue() {
        return (RescueInterface) get("rescue");
    }

    public NetworkInterface network() {
        return (NetworkInterface) get("network");
    }

    public StorageInterface storage() {
        return (StorageInterface) get("storage");
    }

    public VendorInterface vendor() {
        return (VendorInterface) get("vendor");
    }

    /** Every step of this kind the node's interfaces offer. */
    public List<Step> steps(Step.Kind kind) {
        return interfaces.values().stream().flatMap(i -> i.steps().stream()).filter(s -> s.kind() == kind).toList();
    }
}
