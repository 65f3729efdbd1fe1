package dev.ferrum.lab.ipmi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pyghmi's BMC server (Debian's python3-pyghmi) with the lab's power and boot-flag model ({@code lab_bmc.py}):
 * IPMI 2.0 with cipher suite 3, one BMC per process, its state read from the file it rewrites on every change.
 */
public final class PyghmiBmc extends ProcessBmc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private PyghmiBmc(BmcProcess process, int port, String username, String password, Path dir) {
        super(process, port, username, password, dir);
    }

    public static PyghmiBmc start(String username, String password) {
        BmcProcess.require("/usr/bin/python3", "python3");
        Path dir = BmcProcess.tempDir("pyghmi-bmc-");
        Path script = dir.resolve("lab_bmc.py");
        BmcProcess.copyResource("lab_bmc.py", script);
        int port = BmcProcess.freeUdpPort();
        BmcProcess p = BmcProcess.start(List.of("/usr/bin/python3", script.toString(), "--first-port", Integer.toString(port),
                "--count", "1", "--username", username, "--state-dir", dir.toString()), dir,
                Map.of("LAB_BMC_PASSWORD", password), "listening on", Duration.ofSeconds(90));
        return new PyghmiBmc(p, port, username, password, dir);
    }

    private JsonNode state() {
        try {
            return JSON.readTree(dir.resolve("bmc-" + port + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the state of pyghmi BMC " + port + ": " + process.output(), e);
        }
    }

    @Override
    public String powerState() {
        return state().path("power").asText();
    }

    @Override
    public String bootDevice() {
        return IpmiBmc.deviceName(state().path("flags").path(1).asInt());
    }

    @Override
    public Boolean bootPersistent() {
        return (state().path("flags").path(0).asInt() & 0x40) != 0;
    }

    @Override
    public Boolean uefi() {
        return (state().path("flags").path(0).asInt() & 0x20) != 0;
    }

    @Override
    public List<String> powerActions() {
        List<String> actions = new ArrayList<>();
        state().path("actions").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    /** The next {@code commands} chassis commands answer "node busy" (completion code 0xC0), as a loaded BMC does. */
    public void busy(int commands) {
        try {
            Files.writeString(dir.resolve("bmc-" + port + ".busy"), Integer.toString(commands));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void hang(boolean hung) {
        process.signal(hung ? "STOP" : "CONT");
    }

}
