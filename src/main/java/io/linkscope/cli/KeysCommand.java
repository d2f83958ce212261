package io.linkscope.cli;

import io.linkscope.App;
import io.linkscope.graph.ApiKeyStore;
import io.linkscope.graph.ApiKeyStore.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code keys create|list|revoke}: API keys, straight on the graph (works while no server is running; with the
 * embedded database, stop the server first, since one process owns its files).
 */
@Command(name = "keys", description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @Override
    public void run() {
        throw new Main.UserError("say keys create, keys list or keys revoke");
    }

    @Command(name = "create", description = "Create a key and print it as the last line (it is shown only once).")
    static final class Create implements Callable<Integer> {
        @Option(names = "--role", required = true, description = "owner, consultant or admin")
        String role;

        @Option(names = "--tenant", description = "the tenant of an owner key; repeat for a consultant's tenants")
        List<String> tenants = List.of();

        @Option(names = "--label", description = "a note to recognise the key by")
        String label;

        @Mixin
        Common common;

        @Override
        public Integer call() {
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new Main.UserError(e.getMessage());
            }
            for (String t : tenants) {
                if (!io.linkscope.collect.PortfolioValidator.TENANT.matcher(t).matches()) {
                    throw new Main.UserError("tenant " + t + " must match " + io.linkscope.collect.PortfolioValidator.TENANT.pattern());
                }
            }
            try (App app = App.start(common.config(), false)) {
                ApiKeyStore.CreatedKey created = app.keys().create(r, tenants, label);
                var m = common.messages();
                System.err.println(m.t("cli.keys.created", "role", r.toString(), "id", created.info().id(),
                        "tenants", tenants.isEmpty() ? m.t("cli.keys.allTenants") : String.join(", ", tenants)));
                System.out.println(created.secret());
            } catch (IllegalArgumentException e) {
                throw new Main.UserError(e.getMessage());
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List keys (ids, roles, tenants; never the keys).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() {
            try (App app = App.start(common.config(), false)) {
                for (ApiKeyStore.KeyInfo k : app.keys().list()) {
                    System.out.printf("%-16s %-10s %-8s %s %s%n", k.id(), k.role(), k.prefix(), String.join(",", k.tenants()), k.label());
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a key by its id.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(index = "0", description = "the key id (keys list shows it)")
        String id;

        @Mixin
        Common common;

        @Override
        public Integer call() {
            try (App app = App.start(common.config(), false)) {
                if (!app.keys().revoke(id)) throw new Main.UserError("no key " + id);
                System.err.println(common.messages().t("cli.keys.revoked", "id", id));
            }
            return 0;
        }
    }
}
