package io.linkscope.cli;

import io.linkscope.graph.ApiKeyStore;
import io.linkscope.support.SharedNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("./linkscope keys: create (key as the last line), list, revoke, straight on the graph")
class KeysCliIT {
    @BeforeAll
    static void pointAtSharedDatabase() {
        SharedNeo4j.connection().forEach(System::setProperty);
        System.setProperty("LINKSCOPE_DATA", SharedNeo4j.tempDir("linkscope-keys-").toString());
    }

    @AfterAll
    static void clear() {
        SharedNeo4j.connection().keySet().forEach(System::clearProperty);
        System.clearProperty("LINKSCOPE_DATA");
    }

    private record Run(int code, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.commandLine().execute(args), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    @DisplayName("create prints the key last; the graph holds its hash with role and tenant; list hides it; revoke removes it")
    void lifecycle() {
        Run created = run("keys", "create", "--tenant", "cli-keys", "--role", "owner", "--label", "ci");
        assertEquals(0, created.code(), created.err());
        List<String> lines = created.out().lines().toList();
        String key = lines.get(lines.size() - 1);
        assertTrue(key.startsWith("lsk_") && key.length() > 40, key);
        var rows = SharedNeo4j.query("MATCH (k:ApiKey {hash: $h}) RETURN k.role AS role, k.tenants AS tenants, k.id AS id",
                Map.of("h", ApiKeyStore.hash(key)));
        assertEquals(1, rows.size());
        assertEquals("owner", rows.get(0).get("role").asString());
        assertEquals(List.of("cli-keys"), rows.get(0).get("tenants").asList());
        String id = rows.get(0).get("id").asString();

        Run list = run("keys", "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains(id));
        assertFalse(list.out().contains(key), "list never prints a key");

        assertEquals(0, run("keys", "revoke", id).code());
        assertEquals(0, SharedNeo4j.count("MATCH (k:ApiKey {id: $id}) RETURN count(k)", Map.of("id", id)));
        assertNotEquals(0, run("keys", "revoke", id).code(), "revoking twice names the missing key");
    }

    @Test
    @DisplayName("a bad role, an owner without a tenant, a malformed tenant: non-zero exit with the reason, nothing created")
    void refusals() {
        long before = SharedNeo4j.count("MATCH (k:ApiKey) RETURN count(k)", Map.of());
        Run role = run("keys", "create", "--tenant", "t1", "--role", "root");
        assertNotEquals(0, role.code());
        assertTrue(role.err().contains("owner, consultant or admin"), role.err());
        Run owner = run("keys", "create", "--role", "owner");
        assertNotEquals(0, owner.code());
        assertTrue(owner.err().contains("exactly one tenant"), owner.err());
        Run tenant = run("keys", "create", "--role", "consultant", "--tenant", "Bad Tenant");
        assertNotEquals(0, tenant.code());
        assertTrue(tenant.err().contains("must match"), tenant.err());
        assertEquals(before, SharedNeo4j.count("MATCH (k:ApiKey) RETURN count(k)", Map.of()));
    }
}
