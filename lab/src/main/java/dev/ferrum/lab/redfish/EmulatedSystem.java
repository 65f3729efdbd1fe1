package dev.ferrum.lab.redfish;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One emulated machine behind the BMC: its power, boot override, indicator LED, BIOS and virtual media, as the
 * Redfish resources show them and tests assert on. Thread-safe: every read and change holds this object's lock,
 * and the HTTP side renders a resource under the same lock so it never shows half a change.
 */
public final class EmulatedSystem {
    static final List<String> RESET_TYPES = List.of("On", "ForceOff", "GracefulShutdown", "GracefulRestart",
            "ForceRestart", "Nmi", "ForceOn", "PushPowerButton");
    static final List<String> BOOT_TARGETS = List.of("None", "Pxe", "Floppy", "Cd", "Usb", "Hdd", "BiosSetup",
            "Utilities", "Diags", "UefiShell", "UefiTarget", "UefiHttp");
    static final List<String> BOOT_ENABLED = List.of("Disabled", "Once", "Continuous");
    static final List<String> BOOT_MODES = List.of("UEFI", "Legacy");
    static final List<String> LED_STATES = List.of("Lit", "Blinking", "Off");
    static final List<String> MEDIA_DEVICES = List.of("Cd", "Floppy");

    private final String id;
    private final UUID uuid;
    private final List<String> macs;
    private final int cpus;
    private final int memoryMib;
    private final int localDiskGib;
    private final AtomicLong requests = new AtomicLong();
    private final Runnable faultChanged;

    private volatile Fault fault = Fault.NONE;
    private String powerState;
    private final List<String> resets = new ArrayList<>();
    private String bootTarget = "None";
    private String bootEnabled = "Disabled";
    private String bootMode = "UEFI";
    private String indicatorLed = "Off";
    /** Null while the BIOS holds its defaults, so 10,000 untouched systems share one map. */
    private Map<String, Object> bios;
    private final Map<String, Object> pendingBios = new LinkedHashMap<>();
    /** Image per virtual media device (Cd, Floppy); absent when ejected. */
    private final Map<String, String> media = new LinkedHashMap<>(2);
    /** Bumped on every change: the resources' ETag, so an If-Match against a stale read fails like on a BMC. */
    private long version;

    EmulatedSystem(String id, UUID uuid, List<String> macs, int cpus, int memoryMib, int localDiskGib,
                   String powerState, Runnable faultChanged) {
        this.id = id;
        this.faultChanged = faultChanged;
        this.uuid = uuid;
        this.macs = List.copyOf(macs);
        this.cpus = cpus;
        this.memoryMib = memoryMib;
        this.localDiskGib = localDiskGib;
        this.powerState = powerState;
    }

    private static final Map<String, Object> BIOS_DEFAULTS = Collections.unmodifiableMap(BiosRegistry.defaults());

    public String id() {
        return id;
    }

    public UUID uuid() {
        return uuid;
    }

    /** "On" or "Off". */
    public synchronized String powerState() {
        return powerState;
    }

    /** Changes the power as if someone pressed the button by hand (no reset recorded, no BIOS applied). */
    public synchronized void setPowerState(String state) {
        if (!"On".equals(state) && !"Off".equals(state)) {
            throw new IllegalArgumentException("power state must be On or Off, not " + state);
        }
        if (!state.equals(powerState)) {
            powerState = state;
            version++;
        }
    }

    /** The ResetTypes the BMC accepted, oldest first. */
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

    /** The BIOS attributes in effect. */
    public synchronized Map<String, Object> biosAttributes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(bios == null ? BIOS_DEFAULTS : bios));
    }

    /** BIOS attributes set through Bios/Settings that the next power-on or restart applies. */
    public synchronized Map<String, Object> pendingBiosAttributes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(pendingBios));
    }

    /** The system's NIC MACs (lower case, colon separated), deterministic from its index in the emulator. */
    public List<String> macAddresses() {
        return macs;
    }

    /** Logical CPUs (threads), what sushy's processors.summary counts. */
    public int cpus() {
        return cpus;
    }

    public int memoryMib() {
        return memoryMib;
    }

    public int localDiskGib() {
        return localDiskGib;
    }

    /** The image in a virtual media device ("Cd" or "Floppy"), or null when nothing is inserted. */
    public synchronized String virtualMediaImage(String device) {
        return media.get(device);
    }

    /** Requests served under this system's resources (Systems, Managers and Chassis members). */
    public long requests() {
        return requests.get();
    }

    public Fault fault() {
        return fault;
    }

    /** Plays a fault on this system's resources only; {@link Fault#NONE} clears it. */
    public void fault(Fault f) {
        fault = Objects.requireNonNull(f, "fault");
        faultChanged.run();
    }

    // ---- changes made through Redfish; the HTTP side has validated the values ----

    void countRequest() {
        requests.incrementAndGet();
    }

    synchronized long version() {
        return version;
    }

    synchronized void reset(String type) {
        resets.add(type);
        version++;
        boolean on = "On".equals(powerState);
        switch (type) {
            case "On", "ForceOn" -> {
                if (!on) {
                    boot();
                }
            }
            case "ForceOff", "GracefulShutdown" -> powerState = "Off";
            case "PushPowerButton" -> {
                if (on) {
                    powerState = "Off";
                } else {
                    boot();
                }
            }
            // A hardware reset brings an Off machine up; a graceful one needs a running OS to ask.
            case "ForceRestart" -> boot();
            case "GracefulRestart" -> {
                if (on) {
                    boot();
                }
            }
            default -> {
                // Nmi: the OS sees an interrupt; power is unchanged.
            }
        }
    }

    /** Power-on or restart: pending BIOS settings take effect, as on real machines. */
    private void boot() {
        powerState = "On";
        if (!pendingBios.isEmpty()) {
            Map<String, Object> applied = new LinkedHashMap<>(bios == null ? BIOS_DEFAULTS : bios);
            applied.putAll(pendingBios);
            bios = applied;
            pendingBios.clear();
        }
    }

    synchronized void setBoot(String target, String enabled, String mode) {
        if (target != null) {
            bootTarget = target;
        }
        if (enabled != null) {
            bootEnabled = enabled;
        }
        if (mode != null) {
            bootMode = mode;
        }
        version++;
    }

    synchronized void setIndicatorLed(String state) {
        indicatorLed = state;
        version++;
    }

    synchronized void setPendingBios(Map<String, Object> attributes) {
        pendingBios.putAll(attributes);
        version++;
    }

    synchronized void resetBios() {
        bios = null;
        pendingBios.clear();
        version++;
    }

    synchronized void insertMedia(String device, String image) {
        media.put(device, image);
        version++;
    }

    synchronized void ejectMedia(String device) {
        media.remove(device);
        version++;
    }

    /** BIOS attributes in effect without copying, for rendering under this object's lock. */
    Map<String, Object> biosView() {
        return bios == null ? BIOS_DEFAULTS : bios;
    }

    Map<String, Object> pendingBiosView() {
        return pendingBios;
    }
}
