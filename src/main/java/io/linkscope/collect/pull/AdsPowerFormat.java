package io.linkscope.collect.pull;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddressString;
import io.linkscope.config.AppConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An anti-detect browser manager in the shape of AdsPower's Local API profile list
 * ({@code GET /api/v1/user/list?page=&page_size=} answering {@code {code, msg, data:{list:[…]}}}).
 * <p>
 * A profile becomes a store. Its key is the profile's {@code remark} when that reads
 * {@code platform:marketplace:storeId} (the convention the README asks for); otherwise the platform and
 * marketplace come from the profile's {@code domain_name} and the store id is the profile id. The profile's
 * {@code ip}, or its proxy host when that is an IP address, becomes {@code ip}; its fingerprint id
 * ({@code fingerprint_id}, else the profile id {@code user_id}) becomes {@code device}.
 */
final class AdsPowerFormat implements PullFormat {
    /** Storefront and seller-central domains a profile is commonly opened on. */
    private static final Map<String, String[]> DOMAINS = Map.ofEntries(
            Map.entry("amazon.com", new String[]{"amazon", "US"}), Map.entry("amazon.ca", new String[]{"amazon", "CA"}),
            Map.entry("amazon.com.mx", new String[]{"amazon", "MX"}), Map.entry("amazon.co.uk", new String[]{"amazon", "GB"}),
            Map.entry("amazon.de", new String[]{"amazon", "DE"}), Map.entry("amazon.fr", new String[]{"amazon", "FR"}),
            Map.entry("amazon.it", new String[]{"amazon", "IT"}), Map.entry("amazon.es", new String[]{"amazon", "ES"}),
            Map.entry("amazon.co.jp", new String[]{"amazon", "JP"}), Map.entry("amazon.com.au", new String[]{"amazon", "AU"}),
            Map.entry("sellercentral.amazon.com", new String[]{"amazon", "US"}),
            Map.entry("sellercentral-europe.amazon.com", new String[]{"amazon", "EU"}),
            Map.entry("ebay.com", new String[]{"ebay", "US"}), Map.entry("ebay.co.uk", new String[]{"ebay", "GB"}),
            Map.entry("ebay.de", new String[]{"ebay", "DE"}), Map.entry("walmart.com", new String[]{"walmart", "US"}),
            Map.entry("seller.walmart.com", new String[]{"walmart", "US"}), Map.entry("etsy.com", new String[]{"etsy", "GLOBAL"}),
            Map.entry("aliexpress.com", new String[]{"aliexpress", "GLOBAL"}), Map.entry("temu.com", new String[]{"temu", "GLOBAL"}),
            Map.entry("seller-us.tiktok.com", new String[]{"tiktok-shop", "US"}), Map.entry("seller-uk.tiktok.com", new String[]{"tiktok-shop", "GB"}),
            Map.entry("shopee.sg", new String[]{"shopee", "SG"}), Map.entry("shopee.com.my", new String[]{"shopee", "MY"}),
            Map.entry("shopee.ph", new String[]{"shopee", "PH"}), Map.entry("lazada.sg", new String[]{"lazada", "SG"}),
            Map.entry("mercadolibre.com.mx", new String[]{"mercadolibre", "MX"}), Map.entry("allegro.pl", new String[]{"allegro", "PL"}));

    private final AppConfig.Source source;

    AdsPowerFormat(AppConfig.Source source) {
        this.source = source;
    }

    @Override
    public String firstPage(String cursor) {
        return page(1);
    }

    private String page(int n) {
        String base = source.url().replaceAll("/+$", "");
        if (!base.contains("/api/")) base = base + "/api/v1/user/list";
        return JsonMappedFormat.withParam(JsonMappedFormat.withParam(base, "page", String.valueOf(n)),
                "page_size", String.valueOf(source.pageLimit()));
    }

    @Override
    public Page parse(byte[] body, String contentType, int page, String url) throws PullException {
        String where = "page " + page;
        JsonNode root = PullFormat.json(body, where);
        if (root.path("code").asInt(-1) != 0) {
            String msg = PullFormat.text(root, "/msg");
            throw new PullException(where + ": AdsPower answered code " + root.path("code").asText("?")
                    + (msg == null ? "" : " (" + msg.substring(0, Math.min(msg.length(), 120)) + ")"));
        }
        JsonNode list = root.at("/data/list");
        if (!list.isArray()) throw new PullException(where + ": /data/list is not an array of profiles");
        List<PulledStore> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String profile = PullFormat.text(p, "/user_id");
            String at = where + " profile " + (profile == null ? "#" + (i + 1) : profile);
            String[] key = PulledStore.splitKey(PullFormat.text(p, "/remark"));
            if (key == null && profile != null) {
                String[] platform = platformOf(PullFormat.text(p, "/domain_name"));
                if (platform != null) key = new String[]{platform[0], platform[1], profile};
            }
            if (key == null) {
                problems.add(at + ": set the profile's remark to platform:marketplace:storeId, or open it on a known platform domain");
                continue;
            }
            List<PulledStore.Attribute> attributes = new ArrayList<>();
            String ip = PullFormat.text(p, "/ip");
            if (ip == null) {
                String host = PullFormat.text(p, "/user_proxy_config/proxy_host");
                if (host != null && new IPAddressString(host).isIPAddress()) ip = host;
            }
            if (ip != null) attributes.add(new PulledStore.Attribute("ip", ip, null, null));
            String device = PullFormat.text(p, "/fingerprint_id");
            if (device == null) device = profile;
            if (device != null) attributes.add(new PulledStore.Attribute("device", "adspower:" + device, null, null));
            out.add(new PulledStore(at, key[0], key[1], key[2], PullFormat.text(p, "/name"), null, null, null, null, attributes));
        }
        String next = list.size() >= source.pageLimit() ? page(page + 1) : null;
        return new Page(out, problems, next, null);
    }

    private static String[] platformOf(String domain) {
        if (domain == null) return null;
        String d = domain.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("/.*$", "").replaceFirst("^www\\.", "");
        return DOMAINS.get(d);
    }
}
