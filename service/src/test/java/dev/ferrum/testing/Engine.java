package dev.ferrum.testing;

/** The three database engines Ferrum runs on; storage tests run once per engine. */
public enum Engine {
    H2, POSTGRESQL, MARIADB
}
