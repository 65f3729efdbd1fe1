package dev.ferrum.api;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code auth_strategy = http_basic}: users from an htpasswd file with bcrypt hashes, as Ironic standalone.
 * bcrypt is deliberately slow, so a verified credential is remembered (as a SHA-256, never in clear).
 */
public final class HttpBasicAuth {
    private static final int CACHE_MAX = 1024;
    private final Map<String, String> users;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    public HttpBasicAuth(Path htpasswd) {
        Map<String, String> u = new HashMap<>();
        try {
            for (String line : Files.readAllLines(htpasswd)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int colon = l.indexOf(':');
                String hash = colon < 0 ? "" : l.substring(colon + 1);
                if (!hash.startsWith("$2")) {
                    throw new ConfigException("htpasswd file " + htpasswd + ": user '" + (colon < 0 ? l : l.substring(0, colon))
                            + "' does not have a bcrypt hash (create it with htpasswd -B)");
                }
                u.put(l.substring(0, colon), hash);
            }
        } catch (IOException e) {
            throw new ConfigException("Cannot read [DEFAULT]http_basic_auth_user_file " + htpasswd + ": " + e.getMessage());
        }
        this.users = Map.copyOf(u);
    }

    /** Checks an Authorization header; throws 401 unless it names a user with the right password. */
    public void check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized("Authorization required");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("Invalid HTTP basic authorization header");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw unauthorized("Invalid HTTP basic authorization header");
        }
        String user = decoded.substring(0, colon);
        String hash = users.get(user);
        String key = digest(user + "\0" + decoded.substring(colon + 1) + "\0" + hash);
        if (hash != null && verified.contains(key)) {
            return;
        }
        if (hash == null || !BCrypt.verifyer().verify(decoded.substring(colon + 1).toCharArray(), hash.toCharArray()).verified) {
            throw unauthorized("Invalid credentials");
        }
        if (verified.size() >= CACHE_MAX) {
            verified.clear();
        }
        verified.add(key);
    }

    private static FerrumException unauthorized(String why) {
        return new FerrumException(ErrorCode.NOT_AUTHORIZED, why);
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
