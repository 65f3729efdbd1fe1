package dev.ferrum.lab.ipmi;

import java.nio.file.Path;

/** What both emulators share: a process of their own, its port and credentials, and a directory for its state. */
abstract class ProcessBmc implements IpmiBmc {
    final BmcProcess process;
    final int port;
    final String username;
    final String password;
    final Path dir;

    ProcessBmc(BmcProcess process, int port, String username, String password, Path dir) {
        this.process = process;
        this.port = port;
        this.username = username;
        this.password = password;
        this.dir = dir;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public void close() {
        process.close();
    }
}
