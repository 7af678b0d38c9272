package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.core.FxdException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/**
 * Credentials in a properties file ({@code client_id}, {@code client_secret}, {@code access_token},
 * {@code refresh_token}) that only its owner may read: a file readable by group or others is refused, and a save
 * writes a new owner-only file and moves it over the old one, so a crash leaves the old tokens or the new ones.
 */
final class FileCredentials implements CredentialStore {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private final Path file;

    FileCredentials(Path file) {
        this.file = file;
    }

    @Override
    public Credentials load() {
        if (!Files.isRegularFile(file)) {
            throw new FxdException("cTrader credentials file " + file + " does not exist");
        }
        checkOwnerOnly();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new FxdException("cannot read cTrader credentials file " + file + ": " + e.getClass().getSimpleName());
        }
        try {
            return new Credentials(p.getProperty("client_id"), p.getProperty("client_secret"),
                    p.getProperty("access_token"), p.getProperty("refresh_token"));
        } catch (FxdException e) {
            throw new FxdException(e.getMessage() + " in " + file + " (keys: client_id, client_secret, access_token, "
                    + "refresh_token)");
        }
    }

    private void checkOwnerOnly() {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            perms.removeAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            if (!perms.isEmpty()) {
                throw new FxdException("cTrader credentials file " + file + " may be read by others (mode "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
                        + "); make it owner-only: chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new FxdException("cannot check the permissions of " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void save(Credentials c) {
        write(file, c);
    }

    static void write(Path target, Credentials c) {
        Properties p = new Properties();
        p.setProperty("client_id", c.clientId());
        p.setProperty("client_secret", c.clientSecret());
        p.setProperty("access_token", c.accessToken());
        if (c.refreshToken() != null) {
            p.setProperty("refresh_token", c.refreshToken());
        }
        Path abs = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (Files.getFileAttributeView(abs.getParent(), PosixFileAttributeView.class) != null) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(tmp);
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "cTrader Open API credentials (fxd); keep this file owner-only");
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new FxdException("cannot save the refreshed cTrader tokens to " + target + ": "
                    + e.getClass().getSimpleName());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded, or the first error is the one reported
                }
            }
        }
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
