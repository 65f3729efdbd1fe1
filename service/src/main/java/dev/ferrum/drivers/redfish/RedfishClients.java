package dev.ferrum.drivers.redfish;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.config.Config;
import dev.ferrum.common.config.RedfishOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The conductor's Redfish connections, one per BMC, kept for reuse up to [redfish]connection_cache_size
 * (the least recently used is logged out beyond it). HTTP clients are shared by TLS setting, not made per
 * BMC: each JDK HttpClient owns a selector thread, and a conductor talks to thousands of BMCs.
 */
public final class RedfishClients {
    private final RedfishConnection.Settings settings;
    private final int cacheSize;
    private final Map<String, HttpClient> httpByTrust = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, RedfishConnection> connections = new LinkedHashMap<>(16, 0.75f, true);

    public RedfishClients(Config config) {
        this.settings = new RedfishConnection.Settings(config.get(RedfishOptions.AUTH_TYPE),
                config.get(RedfishOptions.CONNECTION_ATTEMPTS),
                Duration.ofSeconds(config.get(RedfishOptions.CONNECTION_RETRY_INTERVAL)),
                Duration.ofSeconds(config.get(RedfishOptions.REQUEST_TIMEOUT)),
                config.get(RedfishOptions.MAX_CONCURRENT_REQUESTS));
        this.cacheSize = config.get(RedfishOptions.CONNECTION_CACHE_SIZE);
    }

    /** The connection to a node's BMC; a changed password replaces the old session. */
    RedfishConnection connection(RedfishInfo info) {
        RedfishConnection gone = null;
        RedfishConnection c;
        synchronized (connections) {
            c = connections.get(info.bmcKey());
            if (c == null || !java.util.Objects.equals(c.password(), info.password())) {
                gone = c;
                c = new RedfishConnection(info, http(info), settings);
                connections.put(info.bmcKey(), c);
                if (connections.size() > cacheSize) {
                    var eldest = connections.entrySet().iterator().next();
                    connections.remove(eldest.getKey());
                    eldest.getValue().logOut();
                }
            }
        }
        if (gone != null) {
            gone.logOut();
        }
        return c;
    }

    private HttpClient http(RedfishInfo info) {
        String trust = !info.verifyCa() ? "insecure" : info.caBundle() == null ? "default" : info.caBundle().toString();
        return httpByTrust.computeIfAbsent(trust, t -> {
            HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(settings.requestTimeout()).followRedirects(HttpClient.Redirect.NORMAL)
                    .executor(Executors.newVirtualThreadPerTaskExecutor());
            if (!info.verifyCa()) {
                b.sslContext(context(new TrustManager[] {new TrustingAll()}));
            } else if (info.caBundle() != null) {
                b.sslContext(context(bundle(info.caBundle())));
            }
            return b.build();
        });
    }

    private static SSLContext context(TrustManager[] managers) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, managers, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trust managers that trust exactly the certificates of a PEM bundle (redfish_verify_ca = path). */
    private static TrustManager[] bundle(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw FerrumException.invalid("Cannot read the CA bundle %s named by redfish_verify_ca: %s", pem, e.getMessage());
        }
    }

    /**
     * redfish_verify_ca = false: any certificate and host name. An X509ExtendedTrustManager is where the JDK
     * checks the host name, so this one skips that too, as the operator asked.
     */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
