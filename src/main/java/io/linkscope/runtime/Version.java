package io.linkscope.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** linkscope's one version, written into the jar by the build (pom.xml); the CLI, /health and the contract use it. */
public final class Version {
    private static final String VALUE = load();

    private Version() {
    }

    public static String get() {
        return VALUE;
    }

    private static String load() {
        try (InputStream in = Version.class.getClassLoader().getResourceAsStream("linkscope-version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            String v = p.getProperty("version", "");
            return v.isBlank() || v.startsWith("${") ? "development" : v;
        } catch (IOException e) {
            return "development";
        }
    }
}
