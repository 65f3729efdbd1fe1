package dev.ferrum.lab.redfish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1/localhost, made once per JVM with the running JDK's keytool (the JDK
 * has no public API to sign a certificate) and shared by every TLS emulator. Clients use verify=False, as
 * against a BMC's factory certificate.
 */
final class Tls {
    private static SSLContext context;

    private Tls() {
    }

    static synchronized SSLContext context() throws IOException {
        if (context == null) {
            context = create();
        }
        return context;
    }

    private static SSLContext create() throws IOException {
        Path dir = Files.createTempDirectory("ferrum-lab-tls");
        Path store = dir.resolve("emulator.p12");
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        String secret = HexFormat.of().formatHex(raw);
        try {
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            // The store password goes through the environment, never the command line (ps shows that).
            ProcessBuilder pb = new ProcessBuilder(keytool, "-genkeypair", "-alias", "redfish", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-validity", "3650", "-dname", "CN=127.0.0.1, O=Ferrum Lab",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore",
                    store.toString(), "-storepass:env", "FERRUM_LAB_STOREPASS", "-keypass:env",
                    "FERRUM_LAB_STOREPASS", "-noprompt");
            pb.environment().put("FERRUM_LAB_STOREPASS", secret);
            pb.redirectErrorStream(true);
            Process p = pb.start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool could not make the emulator's certificate: " + new String(output));
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, secret.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, secret.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the emulator's certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the emulator's certificate", e);
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }
}
