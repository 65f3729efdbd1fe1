package dev.ferrum.conductor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Salted hashes of secrets handed to a ramdisk (the rescue password), so the ramdisk never needs the clear text. */
final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** {@code sha512$<salt>$<hex digest of salt + password>}. */
    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            d.update(salt);
            byte[] digest = d.digest(password.getBytes(StandardCharsets.UTF_8));
            return "sha512$" + HexFormat.of().formatHex(salt) + "$" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every JDK", e);
        }
    }
}
