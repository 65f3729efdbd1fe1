package dev.ferrum.lab.redfish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BMC's SessionService and its credential check: X-Auth-Token sessions (at most maxSessions at once, as BMCs
 * cap them) and HTTP basic auth. A POST beyond the cap answers 503 Base.SessionLimitExceeded, as iLO and OpenBMC
 * do; sushy then falls back to basic auth.
 */
final class Sessions {
    record Session(String id, String userName, String token) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String userName;
    private final byte[] password;
    private final int maxSessions;
    private final Map<String, Session> byToken = new LinkedHashMap<>();
    private final Map<String, Session> byId = new LinkedHashMap<>();
    private long nextId = 1;
    private int peak;

    Sessions(String userName, String password, int maxSessions) {
        this.userName = userName;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.maxSessions = maxSessions;
    }

    int maxSessions() {
        return maxSessions;
    }

    boolean credentialsMatch(String user, String pass) {
        // Compare digests in constant time: a lab BMC, but no reason to teach the wrong habit.
        return user != null && pass != null
                && MessageDigest.isEqual(userName.getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8))
                && MessageDigest.isEqual(password, pass.getBytes(StandardCharsets.UTF_8));
    }

    /** A new session, or a 401 for wrong credentials, or a 503 when the cap is reached. */
    synchronized Session create(String user, String pass) {
        if (!credentialsMatch(user, pass)) {
            throw RedfishError.noValidSession();
        }
        if (byId.size() >= maxSessions) {
            throw RedfishError.sessionLimitExceeded(maxSessions);
        }
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        Session s = new Session(Long.toString(nextId++), user, HexFormat.of().formatHex(raw));
        byToken.put(s.token(), s);
        byId.put(s.id(), s);
        peak = Math.max(peak, byId.size());
        return s;
    }

    synchronized boolean delete(String id) {
        Session s = byId.remove(id);
        if (s == null) {
            return false;
        }
        byToken.remove(s.token());
        return true;
    }

    synchronized Session get(String id) {
        return byId.get(id);
    }

    synchronized List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    synchronized int active() {
        return byId.size();
    }

    synchronized int peak() {
        return peak;
    }

    /** True when the request carries a live session token or the right basic-auth credentials. */
    boolean authorized(String token, String authorization) {
        if (token != null) {
            synchronized (this) {
                return byToken.containsKey(token);
            }
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            return colon >= 0 && credentialsMatch(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        return false;
    }
}
