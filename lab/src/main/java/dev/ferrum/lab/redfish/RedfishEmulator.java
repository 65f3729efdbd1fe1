package dev.ferrum.lab.redfish;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A Redfish BMC emulator: one HTTP(S) port serving many ComputerSystems (/redfish/v1/Systems/{id}), each with its
 * own Manager and Chassis, behind one SessionService. Requests run on virtual threads; a system costs a few
 * hundred bytes until its BIOS is changed, so 10,000 of them fit one process.
 *
 * <pre>{@code
 * try (RedfishEmulator bmc = RedfishEmulator.builder().systems(3).credentials("admin", "password").start()) {
 *     sushy.Sushy(bmc.address(), ...).get_system(bmc.systemPath("1"))
 * }
 * }</pre>
 */
public final class RedfishEmulator implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final HttpServer server;
    private final ExecutorService executor;
    private final boolean tls;
    private final List<EmulatedSystem> systems;
    private final Map<String, EmulatedSystem> byId;
    private final Sessions sessions;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger hanging = new AtomicInteger();
    private final ReentrantLock hangLock = new ReentrantLock();
    private final Condition faultChanged = hangLock.newCondition();
    private volatile Fault fault = Fault.NONE;
    private volatile boolean closed;

    private RedfishEmulator(Builder b) throws IOException {
        this.tls = b.tls;
        this.sessions = new Sessions(b.username, b.password, b.maxSessions);
        List<String> ids = b.systemIds != null ? b.systemIds : defaultIds(b.systems);
        List<EmulatedSystem> list = new ArrayList<>(ids.size());
        Map<String, EmulatedSystem> map = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("system id must be letters, digits, '.', '_' or '-': " + id);
            }
            int index = b.macOffset + i;
            EmulatedSystem s = new EmulatedSystem(id,
                    UUID.nameUUIDFromBytes(("ferrum-lab-system-" + index + "-" + id).getBytes(StandardCharsets.UTF_8)),
                    List.of(mac(index, 0), mac(index, 1)), b.cpus, b.memoryMib, b.localDiskGib, b.powerState,
                    this::signalFaultChanged);
            if (map.put(id, s) != null) {
                throw new IllegalArgumentException("duplicate system id " + id);
            }
            list.add(s);
        }
        this.systems = Collections.unmodifiableList(list);
        this.byId = map;

        InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port);
        // A deep backlog: a power sync opens a connection per system at once (sushy sends Connection: close).
        if (tls) {
            HttpsServer https = HttpsServer.create(bind, 4096);
            https.setHttpsConfigurator(new HttpsConfigurator(Tls.context()));
            server = https;
        } else {
            server = HttpServer.create(bind, 4096);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new RedfishHandler(this,
                new ServiceResources(UUID.randomUUID(), sessions)));
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static List<String> defaultIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }

    /** 52:54:00 (the QEMU/KVM prefix) then 24 bits: two NICs per system index, so 8M systems stay unique. */
    private static String mac(int index, int nic) {
        int v = index * 2 + nic;
        return String.format("52:54:00:%02x:%02x:%02x", (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** "http://127.0.0.1:PORT" (https with tls), what a node's redfish_address is set to. */
    public String address() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port();
    }

    /** "/redfish/v1/Systems/ID", what a node's redfish_system_id is set to. */
    public String systemPath(String id) {
        return SystemResources.path(system(id).id());
    }

    /** The system with this id; an IllegalArgumentException names the unknown id. */
    public EmulatedSystem system(String id) {
        EmulatedSystem s = byId.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no emulated system " + id);
        }
        return s;
    }

    /** Every system, in the order of their ids. */
    public List<EmulatedSystem> systems() {
        return systems;
    }

    /** Requests received, whatever their answer (faulted, refused and hung ones included). */
    public long requests() {
        return requests.get();
    }

    public int activeSessions() {
        return sessions.active();
    }

    public int peakSessions() {
        return sessions.peak();
    }

    /** Requests being held by a {@link Fault#HANG} right now, for tests to wait on. */
    public int hangingRequests() {
        return hanging.get();
    }

    public Fault fault() {
        return fault;
    }

    /** Plays a fault on every request; {@link Fault#NONE} clears it (hung requests are then answered). */
    public void fault(Fault f) {
        fault = Objects.requireNonNull(f, "fault");
        signalFaultChanged();
    }

    /** Stops listening; hung requests are dropped unanswered. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        signalFaultChanged();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- for the HTTP side ----

    void countRequest() {
        requests.incrementAndGet();
    }

    EmulatedSystem lookup(String id) {
        return byId.get(id);
    }

    Sessions sessions() {
        return sessions;
    }

    Fault effectiveFault(EmulatedSystem s) {
        Fault f = fault;
        if (f == Fault.NONE && s != null) {
            f = s.fault();
        }
        return f;
    }

    /** Holds a request while its fault is HANG; the fault then in force, or null when the emulator closed. */
    Fault awaitNotHung(EmulatedSystem s) {
        hanging.incrementAndGet();
        hangLock.lock();
        try {
            while (!closed) {
                Fault f = effectiveFault(s);
                if (f != Fault.HANG) {
                    return f;
                }
                faultChanged.awaitUninterruptibly();
            }
            return null;
        } finally {
            hangLock.unlock();
            hanging.decrementAndGet();
        }
    }

    private void signalFaultChanged() {
        hangLock.lock();
        try {
            faultChanged.signalAll();
        } finally {
            hangLock.unlock();
        }
    }

    /** How to build an emulator; every setting has a lab default. */
    public static final class Builder {
        private int systems = 1;
        private List<String> systemIds;
        private String username = "admin";
        private String password = "password";
        private int port;
        private boolean tls;
        private int maxSessions = Integer.MAX_VALUE;
        private int cpus = 16;
        private int memoryMib = 32768;
        private int localDiskGib = 100;
        private int macOffset;
        private String powerState = "Off";

        private Builder() {
        }

        /** n systems with ids "1".."n" (default 1). */
        public Builder systems(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("systems must be >= 0");
            }
            this.systems = n;
            this.systemIds = null;
            return this;
        }

        /** Systems with these ids (URL-safe: letters, digits, '.', '_', '-'), instead of "1".."n". */
        public Builder systemIds(List<String> ids) {
            this.systemIds = List.copyOf(ids);
            return this;
        }

        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The TCP port on 127.0.0.1; 0 (the default) picks a free one, see {@link RedfishEmulator#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** HTTPS with a self-signed certificate made at start (clients must not verify it). */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /** Sessions open at once before a login answers 503 SessionLimitExceeded (default unlimited). */
        public Builder maxSessions(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxSessions must be >= 0");
            }
            this.maxSessions = n;
            return this;
        }

        /** Logical CPUs per system (default 16: two sockets of 4 cores, 2 threads each). */
        public Builder cpus(int n) {
            this.cpus = positive(n, "cpus");
            return this;
        }

        public Builder memoryMib(int n) {
            this.memoryMib = positive(n, "memoryMib");
            return this;
        }

        public Builder localDiskGib(int n) {
            this.localDiskGib = positive(n, "localDiskGib");
            return this;
        }

        /**
         * Where this emulator's system indexes start for MACs and UUIDs (default 0): give emulators in one
         * process distinct offsets (e.g. 0 and 10,000) so their nodes' MACs do not collide.
         */
        public Builder macOffset(int offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("macOffset must be >= 0");
            }
            this.macOffset = offset;
            return this;
        }

        /** The systems' power at start, "On" or "Off" (default "Off"). */
        public Builder powerState(String state) {
            if (!"On".equals(state) && !"Off".equals(state)) {
                throw new IllegalArgumentException("power state must be On or Off, not " + state);
            }
            this.powerState = state;
            return this;
        }

        public RedfishEmulator start() {
            int count = systemIds != null ? systemIds.size() : systems;
            if ((long) (macOffset + count) * 2 > (1 << 24)) {
                throw new IllegalArgumentException("too many systems for unique MACs from offset " + macOffset);
            }
            try {
                return new RedfishEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Redfish emulator: " + e.getMessage(), e);
            }
        }

        private static int positive(int n, String what) {
            if (n <= 0) {
                throw new IllegalArgumentException(what + " must be > 0");
            }
            return n;
        }
    }
}
