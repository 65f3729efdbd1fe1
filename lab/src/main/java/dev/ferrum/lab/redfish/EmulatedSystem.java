package dev.ferrum.lab.redfish;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One emulated ComputerSystem's state: what a test asserts on after driving the BMC. Thread-safe: every
 * accessor takes the system's lock, as the emulator's handlers do.
 */
public final class EmulatedSystem {
    /** The BIOS settings a fresh system has (and ResetBios restores). */
    static final Map<String, Object> BIOS_DEFAULTS = Map.of("BootMode", "Uefi", "ProcTurboMode", "Enabled",
            "ProcVirtualization", "Enabled", "NumaNodesPerSocket", 1, "SerialNumber", "", "AssetTag", "");

    private final String id;
    private final int index;
    private String powerState = "Off";
    private final List<String> resets = new ArrayList<>();
    private String bootTarget = "None";
    private String bootEnabled = "Disabled";
    private String bootMode = "UEFI";
    private String indicatorLed = "Off";
    private final Map<String, Object> bios = new LinkedHashMap<>();
    private final Map<String, Object> pendingBios = new LinkedHashMap<>();
    private volatile Fault fault = Fault.NONE;
    private final Object faultChanged;

    EmulatedSystem(String id, int index, Object faultChanged) {
        this.id = id;
        this.index = index;
        this.faultChanged = faultChanged;
        bios.putAll(new java.util.TreeMap<>(BIOS_DEFAULTS));
        bios.put("SerialNumber", "SN" + (100000 + index));
    }

    public String id() {
        return id;
    }

    public synchronized String powerState() {
        return powerState;
    }

    /** Changes the power state out of band, as someone pressing the power button. */
    public synchronized void setPowerState(String state) {
        if (!state.equals("On") && !state.equals("Off")) {
            throw new IllegalArgumentException("power state must be On or Off");
        }
        powerState = state;
    }

    /** Every ResetType this system received, in order. */
    public synchronized List<String> resets() {
        return List.copyOf(resets);
    }

    public synchronized String bootSourceOverrideTarget() {
        return bootTarget;
    }

    public synchronized String bootSourceOverrideEnabled() {
        return bootEnabled;
    }

    public synchronized String bootSourceOverrideMode() {
        return bootMode;
    }

    public synchronized String indicatorLed() {
        return indicatorLed;
    }

    public synchronized Map<String, Object> biosAttributes() {
        return Map.copyOf(bios);
    }

    public synchronized Map<String, Object> pendingBiosAttributes() {
        return Map.copyOf(pendingBios);
    }

    /** The system's NIC MAC addresses, unique per emulator index. */
    public List<String> macAddresses() {
        return List.of(mac(0), mac(1));
    }

    private String mac(int nic) {
        int n = index * 2 + nic;
        return "52:54:" + HexFormat.of().toHexDigits((byte) (n >> 24)) + ":" + HexFormat.of().toHexDigits((byte) (n >> 16))
                + ":" + HexFormat.of().toHexDigits((byte) (n >> 8)) + ":" + HexFormat.of().toHexDigits((byte) n);
    }

    public int cpus() {
        return 8;
    }

    public int memoryMib() {
        return 16384;
    }

    public int localDiskGib() {
        return 100;
    }

    public Fault fault() {
        return fault;
    }

    /** Makes this system's resources misbehave (NONE heals it and releases hung requests). */
    public void fault(Fault f) {
        fault = f;
        synchronized (faultChanged) {
            faultChanged.notifyAll();
        }
    }

    synchronized void reset(String type) {
        resets.add(type);
        switch (type) {
            case "On", "ForceOn" -> turnOn();
            case "ForceOff", "GracefulShutdown" -> powerState = "Off";
            case "ForceRestart", "GracefulRestart", "PowerCycle" -> turnOn();
            case "PushPowerButton" -> {
                if (powerState.equals("On")) {
                    powerState = "Off";
                } else {
                    turnOn();
                }
            }
            default -> { // Nmi: no change of power
            }
        }
    }

    /** A boot: pending BIOS settings take effect, and a one-time boot override is used up. */
    private void turnOn() {
        powerState = "On";
        bios.putAll(pendingBios);
        pendingBios.clear();
        if (bootEnabled.equals("Once")) {
            bootEnabled = "Disabled";
        }
    }

    synchronized void boot(String target, String enabled, String mode) {
        if (target != null) {
            bootTarget = target;
        }
        if (enabled != null) {
            bootEnabled = enabled;
        }
        if (mode != null) {
            bootMode = mode;
        }
    }

    synchronized void indicatorLed(String state) {
        indicatorLed = state;
    }

    synchronized void stageBios(Map<String, Object> settings) {
        pendingBios.putAll(settings);
    }

    synchronized void resetBios() {
        pendingBios.clear();
        pendingBios.putAll(BIOS_DEFAULTS);
        pendingBios.put("SerialNumber", bios.get("SerialNumber"));
    }

    int index() {
        return index;
    }
}
