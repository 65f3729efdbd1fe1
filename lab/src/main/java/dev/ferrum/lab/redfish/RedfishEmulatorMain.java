package dev.ferrum.lab.redfish;

import java.util.concurrent.CountDownLatch;

/**
 * {@code RedfishEmulatorMain --port 8000 --systems N --username admin --password password [--tls]
 * [--max-sessions N] [--mac-offset N] [--power On|Off]}: serves until killed. The password may also come from
 * REDFISH_EMULATOR_PASSWORD, to keep it off the command line.
 */
public final class RedfishEmulatorMain {
    private RedfishEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RedfishEmulator.Builder b = RedfishEmulator.builder().port(8000);
        String user = "admin";
        String password = System.getenv().getOrDefault("REDFISH_EMULATOR_PASSWORD", "password");
        int systems = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> b.port(Integer.parseInt(value(args, ++i)));
                    case "--systems" -> systems = Integer.parseInt(value(args, ++i));
                    case "--username" -> user = value(args, ++i);
                    case "--password" -> password = value(args, ++i);
                    case "--tls" -> b.tls(true);
                    case "--max-sessions" -> b.maxSessions(Integer.parseInt(value(args, ++i)));
                    case "--mac-offset" -> b.macOffset(Integer.parseInt(value(args, ++i)));
                    case "--power" -> b.powerState(value(args, ++i));
                    case "-h", "--help" -> {
                        System.out.println(usage());
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            b.systems(systems).credentials(user, password);
        } catch (IllegalArgumentException e) {
            System.err.println("redfish emulator: " + e.getMessage() + "\n" + usage());
            System.exit(2);
            return;
        }
        RedfishEmulator e = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            e.close();
            stopped.countDown();
        }));
        System.out.println("redfish emulator listening on " + e.address() + " with " + systems + " systems");
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static String usage() {
        return "usage: redfish-emulator [--port 8000] [--systems N] [--username admin] [--password password]"
                + " [--tls] [--max-sessions N] [--mac-offset N] [--power On|Off]";
    }
}
