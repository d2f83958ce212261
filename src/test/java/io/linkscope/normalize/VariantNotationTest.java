package io.linkscope.normalize;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every equal / not-equal rule of spec §1a, each pair in both directions, in the messy writings real registration
 * data has (case, full-width characters, missing spaces, extra commas, Traditional characters, postcode anywhere).
 */
@DisplayName("Legal entities and addresses: variant notations are one identity, near misses are not (spec §1a)")
class VariantNotationTest {
    private final Normalizer n = new Normalizer();

    private String company(String v) throws InvalidValueException {
        return n.normalize(IdentifierType.LEGAL_ENTITY, v, null).get(0).value();
    }

    private Canonical address(String v) throws InvalidValueException {
        return n.normalize(IdentifierType.ADDRESS, v, null).get(0);
    }

    private String building(String v) throws InvalidValueException {
        List<Canonical> all = n.normalize(IdentifierType.ADDRESS, v, null);
        assertEquals(2, all.size(), "a structured address derives its building: " + v);
        assertEquals(IdentifierType.ADDRESS_BUILDING, all.get(1).type());
        return all.get(1).value();
    }

    private void sameCompany(String a, String b) throws InvalidValueException {
        assertEquals(company(a), company(b), a + " should equal " + b);
        assertEquals(company(b), company(a), b + " should equal " + a);
    }

    private void otherCompany(String a, String b) throws InvalidValueException {
        assertNotEquals(company(a), company(b), a + " should differ from " + b);
        assertNotEquals(company(b), company(a), b + " should differ from " + a);
    }

    private void sameAddress(String a, String b) throws InvalidValueException {
        Canonical x = address(a), y = address(b);
        assertFalse(x.unstructured(), "structured: " + a);
        assertFalse(y.unstructured(), "structured: " + b);
        assertEquals(x.value(), y.value(), a + " should equal " + b);
        assertEquals(y.value(), x.value(), b + " should equal " + a);
    }

    private void otherAddress(String a, String b) throws InvalidValueException {
        assertNotEquals(address(a).value(), address(b).value(), a + " should differ from " + b);
        assertNotEquals(address(b).value(), address(a).value(), b + " should differ from " + a);
    }

    // ---- legal entities -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "legal form: {0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "Huaxin Trading Co., Ltd.|Huaxin Trading Co Ltd",
            "Huaxin Trading Co., Ltd.|Huaxin Trading Co.,Ltd",
            "Huaxin Trading Co., Ltd.|Huaxin Trading Company Limited",
            "Huaxin Trading Co., Ltd.|华信贸易有限公司",
            "Huaxin Trading Limited|Huaxin Trading Ltd",
            "Huaxin Trading Co., Ltd.|华信贸易有限责任公司",
            "Acme Home LLC|Acme Home L.L.C.",
            "Acme Home LLC|Acme Home Limited Liability Company",
            "Acme Home Inc.|ACME HOME INCORPORATED",
            "Acme Home Corp.|Acme Home Corporation",
            "Müller Handel GmbH|Müller Handel G.m.b.H.",
            "Lumière Commerce S.A.R.L.|Lumière Commerce SARL",
            "Kangaroo Trading Pty Ltd|Kangaroo Trading Pty. Ltd.",
            "Huaxin Trading Co.,Ltd.|huaxin trading co.,ltd",
    })
    @DisplayName("legal-form families are one form")
    void legalForms(String a, String b) throws Exception {
        sameCompany(a, b);
    }

    @ParameterizedTest(name = "place: {0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "Shenzhen Huaxin Trading Co., Ltd.|Huaxin Trading (Shenzhen) Co., Ltd.",
            "Shenzhen Huaxin Trading Co., Ltd.|深圳市华信贸易有限公司",
            "Shenzhen Huaxin Trading Co., Ltd.|SHENZHEN HUAXIN TRADING CO LTD",
            "Shenzhen Huaxin Trading Co., Ltd.|深圳华信贸易有限公司",
            "Shenzhen Huaxin Trading Co., Ltd.|Huaxin Trading (Shenzhen) Company Limited",
            "Shenzhen Huaxin Trading Co., Ltd.|shenzhen huaxin trading co.,ltd.",
            "Shenzhen Huaxin Trading Co., Ltd.|Shen Zhen Hua Xin Trading Co Ltd",
            "Shenzhen Huaxin Trading Co., Ltd.|ＳＨＥＮＺＨＥＮ ＨＵＡＸＩＮ ＴＲＡＤＩＮＧ ＣＯ．， ＬＴＤ．",
            "Shenzhen Huaxin Trading Co., Ltd.|深圳市華信貿易有限公司",
            "Shenzhen Huaxin Trading Co., Ltd.|Shenzhen City Huaxin Trading Co., Ltd.",
            "Hong Kong Huaxin Trading Limited|Huaxin Trading (HK) Limited",
            "Hong Kong Huaxin Trading Limited|香港华信贸易有限公司",
            "Chongqing Changjiang Industrial Co., Ltd.|重庆长江实业有限公司",
            "Guangzhou Meida Technology Co., Ltd.|广州美达科技有限公司",
            "Yiwu Jinhua E-commerce Co., Ltd.|义乌金华电子商务有限公司",
            "Guangzhou Jia Xing Household Co., Ltd.|广州佳兴家居有限公司",
            "Jia Xing Household (Guangzhou) Co., Ltd.|广州佳兴家居有限公司",
    })
    @DisplayName("the place before the name, in brackets or in Chinese is one place")
    void places(String a, String b) throws Exception {
        sameCompany(a, b);
    }

    @ParameterizedTest(name = "brand: {0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "华信贸易有限公司|Hua Xin Trading Co., Ltd.",
            "华信贸易有限公司|HUAXIN TRADING CO., LTD.",
            "华信贸易有限公司|huaxin trading co ltd",
            "華信貿易有限公司|华信贸易有限公司",
            "Hua Xin Trading Co., Ltd.|Huaxin Trading Co., Ltd.",
    })
    @DisplayName("a brand in hanzi equals its pinyin, spaced or not, any case, Traditional or Simplified")
    void brands(String a, String b) throws Exception {
        sameCompany(a, b);
    }

    @ParameterizedTest(name = "industry: {0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "Shenzhen Huaxin Trading Co., Ltd.|深圳华信贸易有限公司",
            "Shenzhen Huaxin Technology Co., Ltd.|深圳华信科技有限公司",
            "Shenzhen Huaxin E-commerce Co., Ltd.|深圳华信电子商务有限公司",
            "Shenzhen Huaxin Ecommerce Co., Ltd.|深圳华信电子商务有限公司",
            "Shenzhen Huaxin Industrial Co., Ltd.|深圳华信实业有限公司",
            "Shenzhen Huaxin Import & Export Co., Ltd.|深圳华信进出口有限公司",
            "Shenzhen Huaxin Import and Export Co., Ltd.|深圳华信进出口有限公司",
            "Shenzhen Huaxin Supply Chain Co., Ltd.|深圳华信供应链有限公司",
            "Shenzhen Huaxin Supply Chain Management Co., Ltd.|深圳华信供应链管理有限公司",
            "Shenzhen Huaxin International Trading Co., Ltd.|深圳华信国际贸易有限公司",
    })
    @DisplayName("industry words in English and Chinese are one word")
    void industries(String a, String b) throws Exception {
        sameCompany(a, b);
    }

    @ParameterizedTest(name = "{0} ≠ {1}")
    @CsvSource(delimiter = '|', value = {
            "Shenzhen Huaxin Trading Co., Ltd.|Shenzhen Huaxing Trading Co., Ltd.",
            "深圳华信贸易有限公司|深圳华兴贸易有限公司",
            "Shenzhen Huaxin Trading Co., Ltd.|深圳华兴贸易有限公司",
            "Guangzhou Meida Technology Co., Ltd.|Guangzhou Maida Technology Co., Ltd.",
            "Shenzhen Huaxin Trading Co., Ltd.|Guangzhou Huaxin Trading Co., Ltd.",
            "深圳市华信贸易有限公司|广州市华信贸易有限公司",
            "Shenzhen Huaxin Trading Co., Ltd.|Shenzhen Huaxin Technology Co., Ltd.",
            "深圳华信贸易有限公司|深圳华信科技有限公司",
            "Huaxin Trading Co., Ltd.|Huaxin Trading LLC",
    })
    @DisplayName("not equal: a brand one syllable apart, another city, another industry, another legal form")
    void differentCompanies(String a, String b) throws Exception {
        otherCompany(a, b);
    }

    @ParameterizedTest(name = "invalid: \"{0}\"")
    @CsvSource(delimiter = '|', value = {"Co., Ltd.", "有限公司", "LLC", "Company Limited", "(),.-", "Inc."})
    @DisplayName("a legal form alone, or punctuation alone, is not a company")
    void legalFormAlone(String v) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> company(v));
        assertFalse(e.getMessage().contains(v), "the reason never echoes the value");
    }

    // ---- addresses ------------------------------------------------------------------------------------------

    private static final String OFFICE = "Room 1203, Building 5, No. 88 Xinhua Road, Futian District, Shenzhen";

    @ParameterizedTest(name = "address: {0}")
    @CsvSource(delimiter = '|', value = {
            "Rm 1203 Bldg 5 88 Xinhua Rd Futian Dist. Shenzhen 518000 China",
            "深圳市福田区新华路88号5栋1203室",
            "中国广东省深圳市福田区新华路88号5栋1203室",
            "广东省深圳市福田区新华路88号5栋1203室 518000",
            "Xinhua Road No. 88, Building 5 Room 1203, Futian District, Shenzhen",
            "room 1203,building 5,no.88 xinhua road,futian district,shenzhen,PRC",
            "ROOM 1203 BLOCK 5 NO 88 XINHUA RD FUTIAN QU SHENZHEN SHI CN",
            "Suite 1203, Bldg. 5, 88 Xinhua Rd., Futian, Shenzhen, Guangdong, China",
            "Unit 1203, Block 5, 88 Xin Hua Road, Futian District, Shenzhen City, Guangdong Province, China",
            "#1203, Building 5, 88 Xinhua Road, Shenzhen 518000",
            "Rm1203,Bldg5,No.88 Xinhua Rd,Futian Dist,Shenzhen",
            "518000 Shenzhen, Futian District, Xinhua Road 88, Building 5, Room 1203",
            "Room １２０３, Building ５, No. ８８ Xinhua Road, Futian District, Shenzhen",
            "深圳市福田區新華路88號5棟1203室",
            "深圳市福田区新华路88号5座1203室",
            "Xinhua Lu 88 Hao, 5 Dong, Room 1203, Futian Qu, Shenzhen Shi",
            "Room 1203, Building 5, No. 88 Xinhua Road, Futian District, Shenzhen, People's Republic of China",
    })
    @DisplayName("one office in any notation, order, script or width is one address")
    void sameOffice(String variant) throws Exception {
        sameAddress(OFFICE, variant);
    }

    @ParameterizedTest(name = "address words: {0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "12 Dock Road, Newark NJ 07105, US|12 Dock Rd, Newark, NJ 07105-1234, USA",
            "Suite 5, 12 Dock Rd, Newark NJ 07105, US|Ste 5, 12 Dock Road, Newark, NJ 07105, United States",
            "Unit 5, 12 Dock Rd, Newark NJ 07105, US|#5, 12 Dock Rd, Newark NJ 07105 US",
            "Unit 5, 12 Dock Rd, Newark NJ 07105, US|Unit 5 12 Dock Rd Newark NJ 07105-0042 United States of America",
            "40 Market Street, Floor 3, San Jose 95113, US|40 Market St, 3rd Floor, San Jose 95113 USA",
            "7 Ocean Avenue, Miami 33139, US|7 Ocean Ave, Miami 33139, US",
            "7 Ocean Boulevard, Miami 33139, US|7 Ocean Blvd, Miami 33139, US",
            "7 Ocean Drive, Miami 33139, US|7 Ocean Dr, Miami 33139, US",
            "7 Ocean Lane, Miami 33139, US|7 Ocean Ln, Miami 33139, US",
            "深圳市南山区科苑路15号|No. 15 Keyuan Road, Nanshan District, Shenzhen",
            "深圳市南山区科苑路15号12楼|No. 15 Keyuan Road, 12F, Nanshan District, Shenzhen",
            "广州市天河区中山大道100号|100 Zhongshan Avenue, Tianhe District, Guangzhou",
            "上海市浦东新区世纪大道100号|No. 100 Shiji Avenue, Pudong New District, Shanghai",
            "深圳市福田区新华街88号|88 Xinhua Street, Futian District, Shenzhen",
            "中国厦门市湖里区科苑街118号F座1106室|Keyuan St No. 118, Bldg F Suite 1106, Huli District, Xiamen, CN",
            "UNIT 1914 BLOCK F 297 XINHUA STREET XIHU DIST. HANGZHOU 310000 P.R. CHINA|杭州市西湖區新華街297號F座1914室",
            "Xinhua Jie 297 Hao, F Zuo, Room 1914, Xihu Qu, Hangzhou Shi|杭州市西湖区新华街297号F座1914室",
    })
    @DisplayName("street words, floors, ZIP+4, countries and Chinese script are one address")
    void addressWords(String a, String b) throws Exception {
        sameAddress(a, b);
    }

    @ParameterizedTest(name = "{0} ≠ {1}")
    @CsvSource(delimiter = '|', value = {
            OFFICE + "|Room 1204, Building 5, No. 88 Xinhua Road, Futian District, Shenzhen",
            OFFICE + "|深圳市福田区新华路88号5栋1204室",
            OFFICE + "|Room 1203, Building 5, No. 86 Xinhua Road, Futian District, Shenzhen",
            OFFICE + "|Room 1203, Building 6, No. 88 Xinhua Road, Futian District, Shenzhen",
            OFFICE + "|Room 1203, Building 5, No. 88 Xinhua Road, Guangzhou",
            OFFICE + "|Room 1203, Building 5, No. 88 Xinhe Road, Futian District, Shenzhen",
            "Suite 5, 12 Dock Rd, Newark NJ 07105, US|Suite 6, 12 Dock Rd, Newark NJ 07105, US",
            "12 Dock Rd, Newark NJ 07105, US|14 Dock Rd, Newark NJ 07105, US",
    })
    @DisplayName("not equal: another room or suite in the building, another street number, street or city")
    void otherOffices(String a, String b) throws Exception {
        otherAddress(a, b);
    }

    @Test
    @DisplayName("rooms of one building share its building key, weak evidence of its own; another number does not")
    void buildingKey() throws Exception {
        String room1204 = "深圳市福田区新华路88号5栋1204室";
        assertNotEquals(address(OFFICE).value(), address(room1204).value());
        assertEquals(building(OFFICE), building(room1204));
        assertEquals(building(OFFICE), building("Rm 1208 Bldg 5 88 Xinhua Rd Futian Dist. Shenzhen 518000 China"));
        assertNotEquals(building(OFFICE), building("Room 1203, Building 6, No. 88 Xinhua Road, Shenzhen"));
        assertNotEquals(building(OFFICE), building("Room 1203, Building 5, No. 90 Xinhua Road, Shenzhen"));
        assertFalse(building(OFFICE).contains("1203"));
    }

    @Test
    @DisplayName("an address the parser cannot structure keeps its folded form as key, and is counted as such")
    void fallback() throws Exception {
        Canonical a = address("Lot 7, Industrial Estate, Near the Old Bus Station, Dongguan");
        assertTrue(a.unstructured());
        assertEquals("lot 7 industrial estate near the old bus station dongguan", a.value());
        assertEquals(a.value(), address("LOT 7 -- Industrial Estate; near the old bus station, DONGGUAN").value());
        assertEquals(1, n.normalize(IdentifierType.ADDRESS, "PO Box 12, Sydney", null).size(), "no building key");
    }

    @ParameterizedTest(name = "invalid address: \"{0}\"")
    @CsvSource(delimiter = '|', value = {"---", "(),.", "＃＃"})
    @DisplayName("an address of punctuation alone is an error")
    void emptyAddress(String v) {
        assertThrows(InvalidValueException.class, () -> address(v));
    }

    @Test
    @DisplayName("the notation is kept apart from the key: two writings of one office have one key, two notations")
    void notations() throws Exception {
        Canonical a = address(OFFICE), b = address("深圳市福田区新华路88号5栋1203室");
        assertEquals(a.value(), b.value());
        assertNotEquals(a.notation(), b.notation());
        IdentifierHasher hasher = new IdentifierHasher("0123456789abcdef0123".getBytes());
        assertEquals(hasher.uid(a), hasher.uid(b));
        assertNotEquals(hasher.notation(a), hasher.notation(b));
        assertEquals(hasher.notation(a), hasher.notation(address(" " + OFFICE.toUpperCase() + " ")), "case is not a notation");
        assertFalse(a.display().contains("1203") || a.display().contains("xinhua"), "masked: " + a.display());
    }
}
