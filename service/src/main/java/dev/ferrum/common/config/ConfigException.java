package dev.ferrum.common.config;

/** A configuration that Ferrum refuses to start with; the message names the file, option and reason. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
