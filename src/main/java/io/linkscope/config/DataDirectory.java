package io.linkscope.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory holds the database and the secrets (identifier key, database password): everything in it is
 * owner-only, because another local user must not read it.
 */
public final class DataDirectory {
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Creates the directory owner-only, or narrows it to owner-only when it exists. */
    public static void ownerOnly(Path dir) {
        try {
            Files.createDirectories(dir);
            set(dir, OWNER_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + dir, e);
        }
    }

    /** Files under {@code root} become owner-only, directories owner-only and listable only by the owner. */
    public static void ownerOnlyTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(p -> set(p, Files.isDirectory(p) ? OWNER_DIR : OWNER_FILE));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Writes a secret so that it is never readable by others, not even for a moment, and never half-written. */
    public static void writeSecret(Path file, String text) {
        try {
            ownerOnly(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void set(Path p, Set<PosixFilePermission> permissions) {
        try {
            if (!Files.isSymbolicLink(p)) Files.setPosixFilePermissions(p, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's own access control applies
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
