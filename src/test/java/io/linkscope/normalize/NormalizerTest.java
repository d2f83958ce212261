package io.linkscope.normalize;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Normalizer honours every equality rule of spec §1")
class NormalizerTest {
    private final Normalizer n = new Normalizer();

    private Canonical one(IdentifierType t, String v, String region) throws InvalidValueException {
        return n.normalize(t, v, region).get(0);
    }

    private void assertSame(IdentifierType t, String a, String b, String region) throws InvalidValueException {
        assertEquals(one(t, a, region).value(), one(t, b, region).value(), a + " should equal " + b);
    }

    private void assertDifferent(IdentifierType t, String a, String b) throws InvalidValueException {
        assertNotEquals(one(t, a, null).value(), one(t, b, null).value(), a + " should differ from " + b);
    }

    private void assertInvalid(IdentifierType t, String v, String region, String reasonFragment) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> n.normalize(t, v, region));
        assertTrue(e.getMessage().contains(reasonFragment), e.getMessage());
    }

    @Test
    @DisplayName("ip: IPv6 notations and IPv4-mapped addresses are equal; public IPs derive their /24 or /48")
    void ip() throws Exception {
        assertSame(IdentifierType.IP, "2001:DB8:0:0:0:0:0:1", "2001:db8::1", null);
        assertSame(IdentifierType.IP, "::ffff:203.0.113.7", "203.0.113.7", null);
        assertDifferent(IdentifierType.IP, "203.0.113.7", "203.0.113.8");
        List<Canonical> v4 = n.normalize(IdentifierType.IP, "203.0.113.7", null);
        assertEquals(2, v4.size());
        assertEquals(IdentifierType.IP_SUBNET, v4.get(1).type());
        assertEquals("203.0.113.0/24", v4.get(1).value());
        assertEquals(n.normalize(IdentifierType.IP, "203.0.113.200", null).get(1).value(), v4.get(1).value());
        List<Canonical> v6 = n.normalize(IdentifierType.IP, "2001:db8:abcd:12::1", null);
        assertEquals("2001:db8:abcd::/48", v6.get(1).value());
        assertEquals("203.0.113.*", v4.get(0).display());
    }

    @ParameterizedTest(name = "{0} is {1} and carries no weight")
    @CsvSource({"10.1.2.3,private", "192.168.1.10,private", "172.16.5.4,private", "127.0.0.1,loopback",
            "169.254.10.1,link_local", "100.64.0.1,cgnat", "100.127.255.254,cgnat", "::1,loopback", "fe80::1,link_local",
            "fd12:3456::1,private", "240.0.0.1,reserved", "0.0.0.0,reserved"})
    void nonRoutableIps(String ip, String cls) throws Exception {
        List<Canonical> c = n.normalize(IdentifierType.IP, ip, null);
        assertEquals(cls, c.get(0).cls().wire());
        assertFalse(c.get(0).cls().carriesWeight());
        assertEquals(1, c.size(), "no subnet is derived from a non-routable address");
    }

    @Test
    @DisplayName("ip: 100.128.0.1 is just outside CGNAT; ranges and junk are errors")
    void ipEdges() throws Exception {
        assertEquals(IdentifierClass.STANDARD, one(IdentifierType.IP, "100.128.0.1", null).cls());
        assertInvalid(IdentifierType.IP, "300.1.1.1", null, "not an IPv4 or IPv6");
        assertInvalid(IdentifierType.IP, "10.0.0.0/8", null, "single IP");
        assertInvalid(IdentifierType.IP, "office", null, "not an IPv4 or IPv6");
    }

    @Test
    @DisplayName("email: case-insensitive; gmail ignores dots and +tag; other domains only drop +tag")
    void email() throws Exception {
        assertSame(IdentifierType.EMAIL, "Ops.Team+amz@gmail.com", "opsteam@gmail.com", null);
        assertSame(IdentifierType.EMAIL, "ops.team@googlemail.com", "OpsTeam@GMAIL.com", null);
        assertSame(IdentifierType.EMAIL, "Finance+ebay@Acme.example", "finance@acme.example", null);
        assertDifferent(IdentifierType.EMAIL, "fin.ance@acme.example", "finance@acme.example");
        assertEquals(IdentifierClass.FREEMAIL, one(IdentifierType.EMAIL, "a@qq.com", null).cls());
        assertEquals("o***@gmail.com", one(IdentifierType.EMAIL, "Ops.Team+amz@gmail.com", null).display());
        assertInvalid(IdentifierType.EMAIL, "not-an-email", null, "not an email");
        assertInvalid(IdentifierType.EMAIL, "+tag@gmail.com", null, "local part is empty");
    }

    @Test
    @DisplayName("phone: E.164 from international, IDD and national notation with a region")
    void phone() throws Exception {
        assertSame(IdentifierType.PHONE, "+86 138 0013 8000", "008613800138000", "CN");
        assertSame(IdentifierType.PHONE, "+86 138 0013 8000", "13800138000", "CN");
        assertEquals("+8613800138000", one(IdentifierType.PHONE, "13800138000", "CN").value());
        assertSame(IdentifierType.PHONE, "(201) 555-0123", "+1 201-555-0123", "US");
        assertEquals("+86 *******8000", one(IdentifierType.PHONE, "+8613800138000", null).display());
        assertInvalid(IdentifierType.PHONE, "13800138000", null, "needs a region");
        assertInvalid(IdentifierType.PHONE, "call me", "CN", "cannot be parsed");
        assertInvalid(IdentifierType.PHONE, "+86 12", null, "not a possible");
    }

    @Test
    @DisplayName("payment: provider checked; email accounts follow email rules; ids drop case, spaces and dashes")
    void payment() throws Exception {
        assertSame(IdentifierType.PAYMENT, "paypal:Finance+x@Acme.example", "PayPal:finance@acme.example", null);
        assertSame(IdentifierType.PAYMENT, "payoneer:AB-12 34", "payoneer:ab1234", null);
        assertDifferent(IdentifierType.PAYMENT, "payoneer:ab1234", "wise:ab1234");
        Canonical c = one(IdentifierType.PAYMENT, "paypal:finance@acme.example", null);
        assertEquals("paypal", c.provider());
        assertEquals("paypal:f***@acme.example", c.display());
        assertInvalid(IdentifierType.PAYMENT, "venmo:abc", null, "unknown payment provider");
        assertInvalid(IdentifierType.PAYMENT, "abc123", null, "provider:account");
    }

    @Test
    @DisplayName("bank_account: IBAN mod-97 checked, spaces dropped, upper-cased; CC:bank:account accepted")
    void bank() throws Exception {
        assertSame(IdentifierType.BANK_ACCOUNT, "de89 3704 0044 0532 0130 00", "DE89370400440532013000", null);
        assertEquals("DE89 **** 3000", one(IdentifierType.BANK_ACCOUNT, "DE89370400440532013000", null).display());
        assertInvalid(IdentifierType.BANK_ACCOUNT, "DE88370400440532013000", null, "mod-97");
        assertSame(IdentifierType.BANK_ACCOUNT, "us:chase:0012-3456", "US:CHASE:00123456", null);
    }

    @Test
    @DisplayName("card: BIN6…LAST4 forms are equal; a full card number is refused")
    void card() throws Exception {
        assertSame(IdentifierType.CARD, "411111…1111", "411111******1111", null);
        assertSame(IdentifierType.CARD, "411111 XXXXXX 1111", "411111...1111", null);
        assertInvalid(IdentifierType.CARD, "4111 1111 1111 1111", null, "full card number is refused");
        assertInvalid(IdentifierType.CARD, "4111", null, "BIN6");
    }

    @Test
    @DisplayName("address: case-folded, punctuation dropped, whitespace collapsed")
    void address() throws Exception {
        assertSame(IdentifierType.ADDRESS, "Unit 5, 12 Dock Rd, Newark NJ 07105, US", "unit 5 12 dock rd  newark nj 07105 us", null);
        assertSame(IdentifierType.ADDRESS, "Unit 5,12 Dock Rd.", "UNIT 5 12 DOCK RD", null);
        assertEquals("unit **, ** *** rd, *** *** **, us", one(IdentifierType.ADDRESS, "Unit 5, 12 Dock Rd, Newark NJ 07105, US", null).display());
        assertInvalid(IdentifierType.ADDRESS, " ,.; ", null, "no letters or digits");
    }

    @Test
    @DisplayName("device: case-folded; MAC separators ignored")
    void device() throws Exception {
        assertSame(IdentifierType.DEVICE, "AA-BB-CC-00-11-22", "aa:bb:cc:00:11:22", null);
        assertSame(IdentifierType.DEVICE, "aabb.cc00.1122", "AABBCC001122", null);
        assertSame(IdentifierType.DEVICE, "AdsPower-Profile-77", "adspower-profile-77", null);
    }

    @Test
    @DisplayName("tax_id, person, domain")
    void otherText() throws Exception {
        assertSame(IdentifierType.TAX_ID, "91-4403.00 MA5F", "91440300ma5f", null);
        assertSame(IdentifierType.PERSON, "SHA256:AbC", "sha256:abc", null);
        assertSame(IdentifierType.DOMAIN, "https://WWW.Acme-Home.com/shop?x=1", "acme-home.com", null);
        assertDifferent(IdentifierType.DOMAIN, "shop.acme-home.com", "acme-home.com");
        assertInvalid(IdentifierType.DOMAIN, "localhost", null, "not a domain");
    }

    @Test
    @DisplayName("legal entity: punctuation and case do not matter; display is the declared name")
    void legalEntity() throws Exception {
        assertEquals(n.legalEntity("Shenzhen Acme Trading Co., Ltd.").value(), n.legalEntity("SHENZHEN ACME TRADING CO LTD").value());
        assertEquals("Shenzhen Acme Trading Co., Ltd.", n.legalEntity(" Shenzhen Acme Trading Co., Ltd. ").display());
    }

    @Test
    @DisplayName("errors and displays never contain the raw value")
    void noRawValueLeaks() {
        String secret = "4111111111111111";
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> n.normalize(IdentifierType.CARD, secret, null));
        assertFalse(e.getMessage().contains(secret));
    }

    @Test
    @DisplayName("hashes are keyed: the same value under two secrets gives different uids")
    void keyedHash() throws Exception {
        Canonical c = one(IdentifierType.EMAIL, "a@b.example", null);
        String h1 = new IdentifierHasher("0123456789abcdef0123456789abcdef".getBytes()).uid(c);
        String h2 = new IdentifierHasher("fedcba9876543210fedcba9876543210".getBytes()).uid(c);
        assertNotEquals(h1, h2);
        assertTrue(h1.startsWith("email|"));
        assertEquals(h1, new IdentifierHasher("0123456789abcdef0123456789abcdef".getBytes()).uid(one(IdentifierType.EMAIL, "A@B.example", null)));
    }
}
