package io.linkscope.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Config of pull sources and webhooks: ${ENV} credentials and clear errors")
class IntegrationConfigTest {

    /** Loads a config file with the given content and environment. */
    static AppConfig load(String json, Map<String, String> env) throws Exception {
        Path file = Files.createTempFile("linkscope-config-", ".json");
        Files.writeString(file, json);
        Map<String, String> all = new HashMap<>(env);
        all.put("LINKSCOPE_CONFIG", file.toString());
        return ConfigLoader.load(all::get);
    }

    private static String error(String json, Map<String, String> env) {
        return assertThrows(ConfigLoader.ConfigException.class, () -> load(json, env)).getMessage();
    }

    @Test
    void credentialsComeFromTheEnvironment() throws Exception {
        AppConfig c = load("""
                {"sources":[{"name":"erp","kind":"json","tenant":"acme","url":"https://erp.example/api?key=${ERP_KEY}",
                  "headers":{"Authorization":"Bearer ${ERP_TOKEN}"},"mapping":{"records":"/items","storeKey":"/key"}}],
                 "webhooks":[{"url":"https://hooks.example/x","secret":"${HOOK_SECRET}"}]}""",
                Map.of("ERP_KEY", "k1", "ERP_TOKEN", "t-123", "HOOK_SECRET", "0123456789abcdef-secret"));
        assertEquals("https://erp.example/api?key=k1", c.sources().get(0).url());
        assertEquals("Bearer t-123", c.sources().get(0).headers().get("Authorization"));
        assertEquals("0123456789abcdef-secret", c.webhooks().get(0).secret());
        assertEquals(300_000, c.sources().get(0).interval());
        assertTrue(c.sources().get(0).skipInvalid());
    }

    @Test
    void unsetVariableIsNamedNeverAValue() {
        String message = error("""
                {"sources":[{"name":"erp","kind":"json","tenant":"acme","url":"https://erp.example/",
                  "headers":{"Authorization":"Bearer ${ERP_TOKEN}"},"mapping":{}}]}""", Map.of());
        assertEquals("sources[0].headers.Authorization uses ${ERP_TOKEN}, which is not set", message);
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals("sources[0].kind must be json, adspower or login-events", error("""
                {"sources":[{"name":"x","kind":"ftp","tenant":"acme","url":"https://a.example/"}]}""", Map.of()));
        assertEquals("sources[1].name x is used twice", error("""
                {"sources":[{"name":"x","kind":"adspower","tenant":"acme","url":"http://127.0.0.1:50325"},
                            {"name":"x","kind":"adspower","tenant":"acme","url":"http://127.0.0.1:50326"}]}""", Map.of()));
        assertEquals("sources[0].mapping is required for kind json", error("""
                {"sources":[{"name":"x","kind":"json","tenant":"acme","url":"https://a.example/"}]}""", Map.of()));
        assertTrue(error("""
                {"webhooks":[{"url":"https://hooks.example/x","secret":"short"}]}""", Map.of()).startsWith("webhooks[0].secret must be at least 16"));
        assertTrue(error("""
                {"webhooks":[{"url":"https://hooks.example/x","secret":"0123456789abcdef-secret","events":["store.created"]}]}""",
                Map.of()).startsWith("webhooks[0].events may only list"));
    }
}
