package io.linkscope.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IncompatibleAddressException;
import inet.ipaddr.ipv6.IPv6Address;
import org.iban4j.Iban4jException;
import org.iban4j.IbanUtil;

import java.text.Normalizer.Form;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonicalizes identifier values so that equal things compare equal (spec §1 table).
 * Pure: no I/O, thread-safe, shared. Error messages state the reason and never echo the value,
 * because they end up in API replies and logs.
 */
public final class Normalizer {
    /** Spec §1: the payment providers a {@code payment} value may name. */
    public static final Set<String> PAYMENT_PROVIDERS = Set.of(
            "paypal", "payoneer", "worldfirst", "pingpong", "lianlian", "airwallex", "stripe", "alipay", "wise", "other");

    /** Mailbox providers anyone can sign up with: a shared freemail domain says nothing, a shared address does. */
    private static final Set<String> FREEMAIL = Set.of(
            "gmail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "qq.com", "163.com",
            "126.com", "sina.com", "foxmail.com", "aliyun.com", "yeah.net", "proton.me", "protonmail.com", "gmx.de",
            "web.de", "mail.ru", "yandex.ru");

    private static final IPAddress CGNAT = new IPAddressString("100.64.0.0/10").getAddress();
    private static final IPAddress IPV4_RESERVED = new IPAddressString("240.0.0.0/4").getAddress();
    private static final IPAddress IPV4_THIS_NETWORK = new IPAddressString("0.0.0.0/8").getAddress();

    private static final Pattern EMAIL = Pattern.compile("^([^@\\s]+)@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)$");
    private static final Pattern MAC = Pattern.compile("^[0-9a-f]{2}([-:.]?)[0-9a-f]{2}(?:\\1[0-9a-f]{2}){4}$");
    private static final Pattern MAC_DOTTED = Pattern.compile("^[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}$");
    private static final Pattern CARD_MASKED = Pattern.compile("^(\\d{6})(?:\\*+|x+|X+|…|\\.{2,})(\\d{4})$");
    private static final Pattern ALL_DIGITS = Pattern.compile("^\\d{12,19}$");
    private static final Pattern LOCAL_BANK = Pattern.compile("^([A-Z]{2}):([A-Z0-9]+):([A-Z0-9]+)$");
    private static final Pattern DOMAIN = Pattern.compile("^(?:[a-z0-9\\p{L}](?:[a-z0-9\\p{L}-]*[a-z0-9\\p{L}])?\\.)+[a-z\\p{L}]{2,}$");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final boolean variantKeys;
    /**
     * Keys of legal entities and addresses by their text: a group's stores repeat them, and parsing (pinyin above
     * all) costs more than every other rule. Bounded; cleared when full.
     */
    private final java.util.Map<String, Object> keyed = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int KEYED_LIMIT = 50_000;

    /** Legal entities and addresses keyed across notations (spec §1a). */
    public Normalizer() {
        this(true);
    }

    private Normalizer(boolean variantKeys) {
        this.variantKeys = variantKeys;
    }

    /**
     * Legal entities and addresses keyed by their folded form only, as before spec §1a: the baseline {@code eval}
     * prints beside the variant-tolerant figures. Not for imports.
     */
    public static Normalizer foldedOnly() {
        return new Normalizer(false);
    }

    /**
     * @param phoneRegion ISO 3166 region used for national phone notation; may be null
     * @return the canonical value first, then any derived identifiers (a public IP yields its /24 or /48 subnet, a
     *         structured address its building)
     */
    public List<Canonical> normalize(IdentifierType type, String raw, String phoneRegion) throws InvalidValueException {
        if (raw == null || raw.isBlank()) throw new InvalidValueException("value is empty");
        String v = java.text.Normalizer.normalize(raw.strip(), Form.NFKC);
        return switch (type) {
            case IP -> ip(v);
            case EMAIL -> List.of(email(v));
            case PHONE -> List.of(phone(v, phoneRegion));
            case PAYMENT -> List.of(payment(v));
            case BANK_ACCOUNT -> List.of(bankAccount(v));
            case CARD -> List.of(card(v));
            case ADDRESS -> cached("a\u0000" + v, () -> address(v));
            case DEVICE -> List.of(device(v));
            case TAX_ID -> List.of(taxId(v));
            case PERSON -> List.of(person(v));
            case DOMAIN -> List.of(domain(v));
            case LEGAL_ENTITY -> cached("c\u0000" + v, () -> List.of(legalEntity(v)));
            case IP_SUBNET -> throw new InvalidValueException("ip_subnet is derived from ip values and cannot be declared");
            case ADDRESS_BUILDING -> throw new InvalidValueException("address_building is derived from address values and cannot be declared");
        };
    }

    /**
     * The legal entity a store declares, as an identifier keyed across notations: place + brand + industry + legal
     * form (spec §1a, {@link CompanyKey}). The display is the name as written: a company name is public.
     */
    public Canonical legalEntity(String name) throws InvalidValueException {
        String v = java.text.Normalizer.normalize(name.strip(), Form.NFKC);
        String folded = foldText(v);
        if (folded.isEmpty()) throw new InvalidValueException("legal entity has no letters or digits");
        if (!variantKeys) return new Canonical(IdentifierType.LEGAL_ENTITY, folded, name.strip(), IdentifierClass.STANDARD, null, folded, false);
        String key = CompanyKey.of(v);
        if (key == null) throw new InvalidValueException("legal entity has no name besides its legal form");
        return new Canonical(IdentifierType.LEGAL_ENTITY, key, name.strip(), IdentifierClass.STANDARD, null, folded, false);
    }

    private interface Keying {
        List<Canonical> key() throws InvalidValueException;
    }

    @SuppressWarnings("unchecked")
    private List<Canonical> cached(String text, Keying keying) throws InvalidValueException {
        Object hit = keyed.get(text);
        if (hit instanceof InvalidValueException e) throw new InvalidValueException(e.getMessage());
        if (hit != null) return (List<Canonical>) hit;
        Object value;
        try {
            value = keying.key();
        } catch (InvalidValueException e) {
            value = e;
        }
        if (keyed.size() >= KEYED_LIMIT) keyed.clear();
        keyed.put(text, value);
        if (value instanceof InvalidValueException e) throw e;
        return (List<Canonical>) value;
    }

    // ---- ip ---------------------------------------------------------------------------------------

    private List<Canonical> ip(String v) throws InvalidValueException {
        String text = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
        IPAddress addr;
        try {
            addr = new IPAddressString(text).toAddress();
        } catch (AddressStringException | IncompatibleAddressException e) {
            throw new InvalidValueException("not an IPv4 or IPv6 address");
        }
        if (addr == null || addr.isPrefixed() || addr.isMultiple()) {
            throw new InvalidValueException("expected a single IP address, not a range or subnet");
        }
        if (addr instanceof IPv6Address v6 && v6.isIPv4Mapped()) addr = v6.getEmbeddedIPv4Address();
        IdentifierClass cls = classify(addr);
        String canonical = addr.isIPv4() ? addr.toNormalizedString() : addr.toCompressedString();
        String display = addr.isIPv4() ? Mask.ipv4(canonical) : Mask.ipv6(addr.toFullString().split(":"));
        Canonical ip = new Canonical(IdentifierType.IP, canonical, display, cls, null);
        if (!cls.carriesWeight()) return List.of(ip);
        IPAddress block = addr.toPrefixBlock(addr.isIPv4() ? 24 : 48);
        String subnet = addr.isIPv4() ? block.toNormalizedString() : block.toCompressedString();
        return List.of(ip, new Canonical(IdentifierType.IP_SUBNET, subnet, subnet, IdentifierClass.STANDARD, null));
    }

    private static IdentifierClass classify(IPAddress addr) {
        if (addr.isLoopback()) return IdentifierClass.LOOPBACK_IP;
        if (addr.isLinkLocal()) return IdentifierClass.LINK_LOCAL_IP;
        if (addr.isIPv4()) {
            if (addr.toIPv4().isPrivate()) return IdentifierClass.PRIVATE_IP;
            if (CGNAT.contains(addr)) return IdentifierClass.CGNAT_IP;
            if (IPV4_RESERVED.contains(addr) || IPV4_THIS_NETWORK.contains(addr) || addr.isMulticast()) {
                return IdentifierClass.RESERVED_IP;
            }
        } else {
            IPv6Address v6 = addr.toIPv6();
            if (v6.isUniqueLocal() || v6.isSiteLocal()) return IdentifierClass.PRIVATE_IP;
            if (v6.isUnspecified() || v6.isMulticast()) return IdentifierClass.RESERVED_IP;
        }
        return IdentifierClass.STANDARD;
    }

    // ---- email and payment ---------------------------------------------------------------------------

    private static Canonical email(String v) throws InvalidValueException {
        String lower = v.toLowerCase(Locale.ROOT);
        Matcher m = EMAIL.matcher(lower);
        if (!m.matches()) throw new InvalidValueException("not an email address (expected local@domain.tld)");
        String local = m.group(1);
        String domain = m.group(2);
        int plus = local.indexOf('+');
        if (plus >= 0) local = local.substring(0, plus);
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            local = local.replace(".", "");
            domain = "gmail.com"; // one mailbox, two domain names
        }
        if (local.isEmpty()) throw new InvalidValueException("email local part is empty");
        IdentifierClass cls = FREEMAIL.contains(domain) ? IdentifierClass.FREEMAIL : IdentifierClass.STANDARD;
        return new Canonical(IdentifierType.EMAIL, local + "@" + domain, Mask.email(local, domain), cls, null);
    }

    private static Canonical payment(String v) throws InvalidValueException {
        int colon = v.indexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new InvalidValueException("expected provider:account, for example paypal:finance@example.com");
        }
        String provider = v.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (!PAYMENT_PROVIDERS.contains(provider)) {
            throw new InvalidValueException("unknown payment provider '" + provider + "' (expected one of "
                    + String.join(" ", PAYMENT_PROVIDERS.stream().sorted().toList()) + ")");
        }
        String account = v.substring(colon + 1).strip();
        String canonical;
        String display;
        if (account.contains("@")) {
            Canonical mail = email(account);
            canonical = mail.value();
            display = mail.display();
        } else {
            canonical = account.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "");
            if (canonical.isEmpty()) throw new InvalidValueException("payment account is empty");
            display = Mask.keep(canonical, 0, 4);
        }
        return new Canonical(IdentifierType.PAYMENT, provider + ":" + canonical, provider + ":" + display,
                IdentifierClass.STANDARD, provider);
    }

    // ---- phone ------------------------------------------------------------------------------------

    private Canonical phone(String v, String region) throws InvalidValueException {
        boolean international = v.startsWith("+") || v.startsWith("00");
        if (!international && (region == null || region.isBlank())) {
            throw new InvalidValueException("national phone number needs a region (attribute 'region' or document 'defaultPhoneRegion')");
        }
        PhoneNumber number;
        try {
            number = phones.parse(v, region == null ? "ZZ" : region);
        } catch (NumberParseException e) {
            throw new InvalidValueException("phone number cannot be parsed (" + e.getErrorType().name().toLowerCase(Locale.ROOT) + ")");
        }
        if (!phones.isPossibleNumber(number)) throw new InvalidValueException("not a possible phone number for its region");
        String e164 = phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        String cc = "+" + number.getCountryCode();
        String national = e164.substring(cc.length());
        return new Canonical(IdentifierType.PHONE, e164, cc + " " + Mask.keep(national, 0, 4), IdentifierClass.STANDARD, null);
    }

    // ---- bank and card -------------------------------------------------------------------------------

    private static Canonical bankAccount(String v) throws InvalidValueException {
        String compact = v.toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "");
        Matcher local = LOCAL_BANK.matcher(compact);
        if (local.matches()) {
            String display = local.group(1) + ":" + Mask.keep(local.group(2), 2, 0) + ":" + Mask.keep(local.group(3), 0, 4);
            return new Canonical(IdentifierType.BANK_ACCOUNT, compact, display, IdentifierClass.STANDARD, null);
        }
        if (compact.contains(":")) throw new InvalidValueException("expected an IBAN or CC:bank:account");
        try {
            IbanUtil.validate(compact);
        } catch (Iban4jException e) {
            throw new InvalidValueException("invalid IBAN (" + ibanReason(e) + ")");
        }
        String display = compact.substring(0, 4) + " **** " + compact.substring(compact.length() - 4);
        return new Canonical(IdentifierType.BANK_ACCOUNT, compact, display, IdentifierClass.STANDARD, null);
    }

    private static String ibanReason(Iban4jException e) {
        String name = e.getClass().getSimpleName();
        if (name.contains("CheckDigit")) return "check digits do not match (mod-97)";
        if (name.contains("UnsupportedCountry")) return "unknown country code";
        return "wrong length or characters for its country";
    }

    private static Canonical card(String v) throws InvalidValueException {
        String compact = v.replaceAll("[\\s-]+", "");
        if (ALL_DIGITS.matcher(compact).matches()) {
            throw new InvalidValueException("a full card number is refused and was not stored; send BIN6…LAST4 or BIN6****LAST4");
        }
        Matcher m = CARD_MASKED.matcher(compact);
        if (!m.matches()) throw new InvalidValueException("expected BIN6…LAST4 or BIN6****LAST4");
        String canonical = m.group(1) + "*" + m.group(2);
        return new Canonical(IdentifierType.CARD, canonical, m.group(1).substring(0, 4) + "** **** " + m.group(2),
                IdentifierClass.STANDARD, null);
    }

    // ---- free text -----------------------------------------------------------------------------------

    /**
     * An address keyed across notations ({@link AddressKey}), with the coarser key of its building beside it (weak
     * evidence of its own, like an IP's /24). An address the parser cannot structure keeps its folded form as key,
     * as before spec §1a, so nothing that matched stops matching.
     */
    private List<Canonical> address(String v) throws InvalidValueException {
        String folded = foldText(v);
        if (folded.isEmpty()) throw new InvalidValueException("address has no letters or digits");
        AddressKey.Parsed parsed = variantKeys ? AddressKey.of(v) : null;
        if (parsed == null) {
            return List.of(new Canonical(IdentifierType.ADDRESS, folded, Mask.address(folded), IdentifierClass.STANDARD, null,
                    folded, true));
        }
        // a structured address may name its street last: its shape is shown, with every name and number starred
        String display = AddressKey.masked(v);
        String where = (parsed.locality() + " " + parsed.country().toLowerCase(Locale.ROOT)).strip();
        return List.of(new Canonical(IdentifierType.ADDRESS, parsed.key(), display, IdentifierClass.STANDARD, null, folded, false),
                new Canonical(IdentifierType.ADDRESS_BUILDING, parsed.building(), where.isEmpty() ? "***" : "*** " + where,
                        IdentifierClass.STANDARD, null));
    }

    /** Case-folded, punctuation and symbols dropped (as word breaks), whitespace collapsed. */
    private static String foldText(String v) {
        String noPunct = PUNCTUATION.matcher(v.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return WHITESPACE.matcher(noPunct).replaceAll(" ").strip();
    }

    private static Canonical device(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (MAC.matcher(lower).matches() || MAC_DOTTED.matcher(lower).matches()) {
            String hex = lower.replaceAll("[-:.]", "");
            StringBuilder mac = new StringBuilder();
            for (int i = 0; i < 12; i += 2) mac.append(i == 0 ? "" : ":").append(hex, i, i + 2);
            String canonical = mac.toString();
            return new Canonical(IdentifierType.DEVICE, canonical, canonical.substring(0, 8) + ":**:**:" + canonical.substring(15),
                    IdentifierClass.STANDARD, null);
        }
        return new Canonical(IdentifierType.DEVICE, lower, Mask.keep(lower, 4, 2), IdentifierClass.STANDARD, null);
    }

    private static Canonical taxId(String v) throws InvalidValueException {
        String canonical = v.toLowerCase(Locale.ROOT).replaceAll("[\\s.-]+", "");
        if (canonical.isEmpty()) throw new InvalidValueException("tax id is empty");
        return new Canonical(IdentifierType.TAX_ID, canonical, Mask.keep(canonical, 2, 3), IdentifierClass.STANDARD, null);
    }

    private static Canonical person(String v) {
        String canonical = v.toLowerCase(Locale.ROOT);
        return new Canonical(IdentifierType.PERSON, canonical, Mask.keep(canonical, 0, 4), IdentifierClass.STANDARD, null);
    }

    private static Canonical domain(String v) throws InvalidValueException {
        String d = v.toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        d = d.replaceFirst("[/?#].*$", "").replaceFirst(":\\d+$", "");
        if (d.endsWith(".")) d = d.substring(0, d.length() - 1);
        if (d.startsWith("www.")) d = d.substring(4);
        if (!DOMAIN.matcher(d).matches()) throw new InvalidValueException("not a domain name");
        int dot = d.lastIndexOf('.');
        String display = Mask.keep(d.substring(0, dot), 2, 0) + d.substring(dot);
        return new Canonical(IdentifierType.DOMAIN, d, display, IdentifierClass.STANDARD, null);
    }
}
