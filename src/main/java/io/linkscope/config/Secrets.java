package io.linkscope.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The key behind identifier hashes. Production sets {@code LINKSCOPE_SECRET}; a development key is
 * generated once into the data directory so a restarted dev instance still matches its own graph.
 */
public final class Secrets {
    private Secrets() {
    }

    public static byte[] identifierKey(AppConfig config) {
        if (config.identifierSecret() != null && !config.identifierSecret().isBlank()) {
            byte[] key = config.identifierSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (key.length < 16) throw new ConfigLoader.ConfigException("LINKSCOPE_SECRET must be at least 16 characters");
            return key;
        }
        Path file = config.dataPath().resolve("identifier.key");
        try {
            if (Files.isRegularFile(file)) return HexFormat.of().parseHex(Files.readString(file).trim());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            DataDirectory.writeSecret(file, HexFormat.of().formatHex(key));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the development key " + file, e);
        }
    }
}
