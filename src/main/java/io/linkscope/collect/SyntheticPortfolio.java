package io.linkscope.collect;

import io.linkscope.collect.RawPortfolio.Field;
import io.linkscope.collect.RawPortfolio.RawAttribute;
import io.linkscope.collect.RawPortfolio.RawGeneric;
import io.linkscope.collect.RawPortfolio.RawStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of seller groups with ground truth, for the ingest and analysis benchmarks and the
 * linkage accuracy harness ({@code ./linkscope eval}).
 *
 * <p>Each <em>operator</em> (one team behind several stores) owns private resources: payment accounts,
 * emails, phones, devices, residential IPs, an office and a legal entity. Its stores reuse them the way real
 * teams do, imperfectly: not every store uses every resource, and each use is written in one of the
 * notations spec §1 equates ({@code +86 138…} / {@code 0086138…} / {@code 138…}, gmail dots and tags,
 * MAC separators, IPv6 compression, IPv4-mapped IPv6). <em>Noise</em> resources are shared by many unrelated
 * stores: VPN exit IPs, CGNAT addresses, coworking NAT IPs, carrier subnets and 3PL warehouse addresses.
 * Two stores are related in truth exactly when they share an operator.
 */
public final class SyntheticPortfolio {

    /** The generated document and the truth behind it. */
    public record Generated(RawPortfolio portfolio, Map<String, Integer> operatorOfStore, int operators,
                            int attributes) {
        public boolean related(String a, String b) {
            return operatorOfStore.get(a).equals(operatorOfStore.get(b));
        }
    }

    /**
     * @param stores              stores to generate
     * @param loginIpsPerStore    mean number of login IPs per store (drives observations per store)
     * @param markSomeGeneric     declare the 3PL warehouses as generic identifiers, as a careful seller would
     */
    public record Options(int stores, double loginIpsPerStore, boolean markSomeGeneric) {
        public static Options forEval(int stores) {
            return new Options(stores, 6, false);
        }

        /** About {@code observations} observations in total (each public IP also yields its subnet). */
        public static Options forObservations(int observations) {
            return new Options(Math.max(1, observations / 16), 7, false);
        }
    }

    private static final String[] PLATFORMS = {"amazon", "ebay", "walmart", "aliexpress", "temu", "tiktok-shop",
            "shopee", "etsy", "mercadolibre", "lazada"};
    private static final double[] PLATFORM_WEIGHT = {0.34, 0.12, 0.10, 0.08, 0.08, 0.08, 0.07, 0.04, 0.05, 0.04};
    private static final Map<String, String[]> MARKETPLACES = Map.of(
            "amazon", new String[]{"US", "US", "US", "DE", "UK", "JP", "CA"}, "ebay", new String[]{"US", "DE", "UK"},
            "walmart", new String[]{"US"}, "aliexpress", new String[]{"GLOBAL"}, "temu", new String[]{"US", "EU"},
            "tiktok-shop", new String[]{"US", "UK"}, "shopee", new String[]{"SG", "MY", "PH"}, "etsy", new String[]{"US"},
            "mercadolibre", new String[]{"MX", "BR"}, "lazada", new String[]{"MY", "TH"});
    private static final String[] PROVIDERS = {"paypal", "payoneer", "worldfirst", "pingpong", "lianlian", "airwallex"};
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private final SplittableRandom random;
    private final Options options;
    private final List<String> vpnExits = new ArrayList<>();
    private final List<String> coworkingNats = new ArrayList<>();
    private final List<String> warehouses = new ArrayList<>();
    private final List<int[]> carrierSubnets = new ArrayList<>();

    private SyntheticPortfolio(long seed, Options options) {
        this.random = new SplittableRandom(seed);
        this.options = options;
        int scale = Math.max(1, options.stores() / 40);
        for (int i = 0; i < Math.max(5, scale); i++) vpnExits.add(publicIpv4());
        for (int i = 0; i < Math.max(3, scale * 2); i++) coworkingNats.add(publicIpv4());
        for (int i = 0; i < Math.max(3, scale / 2); i++) {
            warehouses.add("Unit " + (1 + random.nextInt(40)) + ", " + (10 + random.nextInt(900)) + " "
                    + pick(new String[]{"Dock Rd", "Logistics Way", "Port Ave", "Cargo St"}) + ", "
                    + pick(new String[]{"Newark NJ 07105", "Ontario CA 91761", "Dallas TX 75261", "Reno NV 89502"}) + ", US");
        }
        for (int i = 0; i < Math.max(4, scale); i++) carrierSubnets.add(new int[]{1 + random.nextInt(222), random.nextInt(256), random.nextInt(256)});
    }

    public static Generated generate(long seed, Options options) {
        return new SyntheticPortfolio(seed, options).build();
    }

    private record Operator(int id, List<String> emails, List<String> phones, List<String> payments,
                            List<String> devices, List<String> ips, String bank, String office, List<String> entities,
                            String taxId, Instant activeFrom) {
    }

    private Generated build() {
        List<RawStore> stores = new ArrayList<>();
        Map<String, Integer> truth = new HashMap<>();
        Map<String, Integer> storeIdsUsed = new HashMap<>();
        int operators = 0;
        int attributes = 0;
        while (stores.size() < options.stores()) {
            Operator op = operator(operators++);
            int size = Math.min(options.stores() - stores.size(), storesPerOperator());
            for (int k = 0; k < size; k++) {
                String platform = weightedPlatform();
                String marketplace = pick(MARKETPLACES.get(platform));
                String storeId = "S" + Integer.toString(op.id, 36).toUpperCase(Locale.ROOT) + "X" + k;
                String key = platform + ":" + marketplace + ":" + storeId;
                if (storeIdsUsed.merge(key, 1, Integer::sum) > 1) continue;
                truth.put(key, op.id);
                List<RawAttribute> attrs = attributesFor(op, stores.size());
                attributes += attrs.size();
                stores.add(store(stores.size(), platform, marketplace, storeId, op, attrs));
            }
        }
        List<RawGeneric> generics = new ArrayList<>();
        if (options.markSomeGeneric()) {
            for (int i = 0; i < warehouses.size(); i++) {
                String loc = "genericIdentifiers[" + i + "]";
                generics.add(new RawGeneric(loc, f("address", loc + ".type"), f(warehouses.get(i), loc + ".value"),
                        f("3PL warehouse", loc + ".reason"), f(null, loc + ".region")));
            }
        }
        RawPortfolio raw = new RawPortfolio("CN", stores, List.of(), generics, List.of(), List.of());
        return new Generated(raw, truth, operators, attributes);
    }

    private Operator operator(int id) {
        String name = pick(new String[]{"acme", "sunrise", "bluefin", "everbright", "jade", "lotus", "pioneer", "harbor",
                "summit", "orchid", "nova", "golden"}) + id;
        List<String> emails = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) emails.add(name + ".ops" + i + "@gmail.com");
        List<String> phones = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) phones.add(mobile());
        List<String> payments = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            String provider = pick(PROVIDERS);
            payments.add(provider + ":" + (random.nextBoolean() ? "finance" + i + "@" + name + ".example" : "ACC" + digits(8)));
        }
        List<String> devices = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) devices.add(random.nextBoolean() ? mac() : "adspower-" + name + "-" + i);
        List<String> ips = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) ips.add(random.nextInt(5) == 0 ? publicIpv6() : residentialIpv4());
        String bank = random.nextInt(3) == 0 ? "CN:icbc:6222" + digits(12) : null;
        String office = random.nextInt(2) == 0 ? "Room " + (100 + random.nextInt(900)) + ", " + (1 + random.nextInt(300))
                + " Keyuan Rd, Nanshan, Shenzhen " + name : null;
        // groups split their stores over several companies precisely to avoid looking related
        List<String> entities = new ArrayList<>();
        String capital = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            entities.add(pick(new String[]{"Shenzhen ", "Yiwu ", "Guangzhou ", "Hong Kong "}) + capital
                    + pick(new String[]{" Trading Co., Ltd.", " E-commerce Co., Ltd.", " Technology Ltd.", " Supply Chain Co."}));
        }
        String tax = "91440300MA5" + digits(7).toUpperCase(Locale.ROOT);
        Instant from = NOW.minus(Duration.ofDays(60 + random.nextInt(1500)));
        return new Operator(id, emails, phones, payments, devices, ips, bank, office, entities, tax, from);
    }

    private List<RawAttribute> attributesFor(Operator op, int storeIndex) {
        String loc = "stores[" + storeIndex + "].attributes";
        List<String[]> values = new ArrayList<>();
        // each store gets its own registration email half the time: the advice sellers are given
        values.add(new String[]{"email", random.nextInt(2) == 0 ? emailNotation(pick(op.emails))
                : "store" + storeIndex + "." + Integer.toString(op.id, 36) + "@outlook.com"});
        if (random.nextInt(10) < 9) values.add(new String[]{"payment", paymentNotation(pick(op.payments))});
        if (random.nextInt(10) < 6) values.add(new String[]{"phone", phoneNotation(pick(op.phones))});
        else values.add(new String[]{"phone", phoneNotation(mobile())});
        if (random.nextInt(10) < 7) values.add(new String[]{"device", deviceNotation(pick(op.devices))});
        if (op.bank != null && random.nextBoolean()) values.add(new String[]{"bank_account", op.bank});
        if (op.office != null && random.nextInt(3) == 0) values.add(new String[]{"address", op.office});
        if (random.nextInt(4) == 0) values.add(new String[]{"address", pick(warehouses)});
        if (random.nextInt(5) == 0) values.add(new String[]{"tax_id", op.taxId});
        int logins = (int) Math.max(1, Math.round(options.loginIpsPerStore() * (0.5 + random.nextDouble())));
        for (int i = 0; i < logins; i++) values.add(new String[]{"ip", loginIp(op)});
        List<RawAttribute> attrs = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String at = loc + "[" + i + "]";
            Instant first = op.activeFrom.plus(Duration.ofDays(random.nextInt(400)));
            if (first.isAfter(NOW)) first = NOW.minus(Duration.ofDays(random.nextInt(30)));
            Instant last = first.plus(Duration.ofDays(random.nextInt(200)));
            if (last.isAfter(NOW)) last = NOW;
            boolean windowed = values.get(i)[0].equals("ip");
            attrs.add(new RawAttribute(at, f(values.get(i)[0], at + ".type"), f(values.get(i)[1], at + ".value"),
                    f(windowed ? first.toString() : null, at + ".firstSeen"), f(windowed ? last.toString() : null, at + ".lastSeen"),
                    f(windowed ? "login-log" : "registration", at + ".source"), f(null, at + ".region")));
        }
        return attrs;
    }

    private String loginIp(Operator op) {
        int roll = random.nextInt(100);
        if (roll < 45) return ipNotation(pick(op.ips));
        if (roll < 65) return ipNotation(pick(vpnExits));
        if (roll < 75) return "100." + (64 + random.nextInt(64)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        if (roll < 85) return ipNotation(pick(coworkingNats));
        int[] carrier = carrierSubnets.get(random.nextInt(carrierSubnets.size()));
        return carrier[0] + "." + carrier[1] + "." + carrier[2] + "." + (1 + random.nextInt(254));
    }

    private RawStore store(int index, String platform, String marketplace, String storeId, Operator op,
                           List<RawAttribute> attrs) {
        String loc = "stores[" + index + "]";
        double revenue = Math.round(Math.exp(8 + random.nextGaussian() * 1.2));
        String status = random.nextInt(60) == 0 ? "suspended" : "active";
        String entity = pick(op.entities);
        return new RawStore(loc, f(platform, loc + ".platform"), f(marketplace, loc + ".marketplace"),
                f(storeId, loc + ".storeId"), f(entity.split(" ")[1] + " " + platform + " " + marketplace, loc + ".name"),
                f(entity, loc + ".legalEntity"), f(status, loc + ".status"), f(Double.toString(revenue), loc + ".monthlyRevenue.amount"),
                f("USD", loc + ".monthlyRevenue.currency"), f(null, loc + ".openedOn"), f(null, loc + ".region"), attrs,
                f(null, loc + ".category"));
    }

    // ---- notations spec §1 equates --------------------------------------------------------------------

    private String emailNotation(String email) {
        String local = email.substring(0, email.indexOf('@'));
        String domain = email.substring(email.indexOf('@'));
        return switch (random.nextInt(4)) {
            case 0 -> local.replace(".", "") + domain;
            case 1 -> local.toUpperCase(Locale.ROOT) + domain;
            case 2 -> local + "+store" + random.nextInt(100) + domain;
            default -> local + (random.nextBoolean() ? "@googlemail.com" : domain);
        };
    }

    private String phoneNotation(String national) {
        return switch (random.nextInt(4)) {
            case 0 -> "+86 " + national.substring(0, 3) + " " + national.substring(3, 7) + " " + national.substring(7);
            case 1 -> "0086" + national;
            case 2 -> national;
            default -> "+86-" + national.substring(0, 3) + "-" + national.substring(3, 7) + "-" + national.substring(7);
        };
    }

    private String paymentNotation(String payment) {
        int colon = payment.indexOf(':');
        String provider = payment.substring(0, colon);
        String account = payment.substring(colon + 1);
        if (account.contains("@")) return (random.nextBoolean() ? provider.toUpperCase(Locale.ROOT) : provider) + ":" + account;
        return switch (random.nextInt(3)) {
            case 0 -> provider + ":" + account.toLowerCase(Locale.ROOT);
            case 1 -> provider + ":" + account.substring(0, 5) + "-" + account.substring(5);
            default -> provider + ":" + account.substring(0, 3) + " " + account.substring(3);
        };
    }

    private String deviceNotation(String device) {
        if (!device.contains(":")) return random.nextBoolean() ? device.toUpperCase(Locale.ROOT) : device;
        return switch (random.nextInt(3)) {
            case 0 -> device.replace(':', '-').toUpperCase(Locale.ROOT);
            case 1 -> device.replace(":", "");
            default -> device;
        };
    }

    private String ipNotation(String ip) {
        if (ip.contains(":")) return random.nextBoolean() ? ip.toUpperCase(Locale.ROOT) : expandIpv6(ip);
        return random.nextInt(5) == 0 ? "::ffff:" + ip : ip;
    }

    private static String expandIpv6(String compressed) {
        return new inet.ipaddr.IPAddressString(compressed).getAddress().toFullString();
    }

    // ---- raw material -------------------------------------------------------------------------------

    private String residentialIpv4() {
        int[] carrier = carrierSubnets.get(random.nextInt(carrierSubnets.size()));
        // a residential line sits in a carrier's pool: operators of one city share /24s, not addresses
        return random.nextInt(3) == 0 ? carrier[0] + "." + carrier[1] + "." + carrier[2] + "." + (1 + random.nextInt(254)) : publicIpv4();
    }

    private String publicIpv4() {
        while (true) {
            int a = 1 + random.nextInt(222);
            if (a == 10 || a == 127 || a == 100 || a == 169 || a == 172 || a == 192) continue;
            return a + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        }
    }

    private String publicIpv6() {
        return String.format("2408:%x:%x:%x::%x", random.nextInt(0x10000), random.nextInt(0x10000),
                random.nextInt(0x10000), 1 + random.nextInt(0xfffe));
    }

    /** A Chinese mobile number; 179xx is avoided: it is a carrier's dial-out prefix, not a mobile range. */
    private String mobile() {
        return pick(new String[]{"13", "15", "18", "19"}) + digits(9);
    }

    private String mac() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) b.append(i == 0 ? "" : ":").append(String.format("%02x", random.nextInt(256)));
        return b.toString();
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) ('0' + random.nextInt(10)));
        return b.toString();
    }

    private int storesPerOperator() {
        int n = 1;
        while (n < 12 && random.nextDouble() < 0.68) n++;
        return n;
    }

    private String weightedPlatform() {
        double r = random.nextDouble();
        for (int i = 0; i < PLATFORMS.length; i++) {
            r -= PLATFORM_WEIGHT[i];
            if (r <= 0) return PLATFORMS[i];
        }
        return PLATFORMS[0];
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String pick(String[] array) {
        return array[random.nextInt(array.length)];
    }

    private static Field f(String value, String location) {
        return new Field(value, location);
    }
}
