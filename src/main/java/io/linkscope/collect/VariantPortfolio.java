package io.linkscope.collect;

import com.ibm.icu.text.Transliterator;
import io.linkscope.collect.RawPortfolio.Field;
import io.linkscope.collect.RawPortfolio.RawAttribute;
import io.linkscope.collect.RawPortfolio.RawStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded generator of seller groups whose stores write one company and one office in many notations (spec §1a),
 * with ground truth and <em>hard negatives</em>: operators one syllable away in brand, the same brand in another
 * city or another industry, neighbours in the same building (another room) and on the same street (another
 * number). A registered agent's virtual office is shared by many unrelated stores, each in its own notation.
 *
 * <p>Notation operators, each drawn per store: English title case with any member of the legal-form family,
 * the place in brackets, upper case without punctuation, Chinese (with or without 市, 有限公司 or 有限责任公司),
 * Traditional characters, spaced pinyin, full width, missing spaces; for offices also abbreviations (Rm, Bldg, Rd,
 * Dist.), Suite/Unit/#, component order, postcode first, last or absent, country words, Chinese script and its
 * pinyin rendering (Lu, Hao, Qu).
 */
public final class VariantPortfolio {

    /**
     * The document, its truth, the pairs of one operator that share a company or an office as written (the pairs a
     * platform's KYC relates: the recall of spec §1a is measured on them), and the hard-negative pairs by kind
     * (store keys, smaller first).
     */
    public record Generated(RawPortfolio portfolio, Map<String, Integer> operatorOfStore, int operators,
                            List<String[]> sharingPairs, Map<String, List<String[]>> hardNegatives) {
    }

    private record Syllable(String hanzi, String pinyin) {
    }

    private record Place(String hanzi, String pinyin, String english, String province, String postcode, String[][] districts) {
    }

    private record Industry(String hanzi, String[] english) {
    }

    private record Company(int place, Syllable[] brand, int industry) {
    }

    private record Office(int place, int district, int street, int streetType, int number, String building, int room) {
    }

    private static final Syllable[] SYLLABLES = syllables(
            "华hua 信xin 兴xing 美mei 达da 迈mai 金jin 鑫xin 宏hong 瑞rui 丰feng 盛sheng 源yuan 恒heng 泰tai 隆long "
                    + "鼎ding 昌chang 浩hao 博bo 聚ju 创chuang 新xin 易yi 通tong 捷jie 凯kai 德de 康kang 宇yu 辰chen "
                    + "星xing 海hai 蓝lan 云yun 卓zhuo 贝bei 佳jia 睿rui 智zhi 锦jin 腾teng 飞fei 翔xiang 远yuan 鹏peng "
                    + "程cheng 诚cheng 益yi 优you 尚shang 雅ya 琪qi 骏jun 铭ming 泽ze 润run 森sen 林lin 峰feng 明ming "
                    + "玲ling 京jing 昂ang 安an 晶jing 阳yang 光guang 伟wei 顺shun 利li 嘉jia 和he 乐le");
    /** One syllable apart: the near miss of a brand (Huaxin ≠ Huaxing, Meida ≠ Maida). */
    private static final Map<String, String> NEAR = Map.ofEntries(Map.entry("xin", "xing"), Map.entry("xing", "xin"),
            Map.entry("mei", "mai"), Map.entry("mai", "mei"), Map.entry("jin", "jing"), Map.entry("jing", "jin"),
            Map.entry("chen", "cheng"), Map.entry("cheng", "chen"), Map.entry("lin", "ling"), Map.entry("ling", "lin"),
            Map.entry("an", "ang"), Map.entry("ang", "an"), Map.entry("yuan", "yun"), Map.entry("yun", "yuan"),
            Map.entry("ming", "min"), Map.entry("feng", "fei"), Map.entry("hua", "huo"), Map.entry("da", "de"),
            Map.entry("de", "da"), Map.entry("hong", "heng"), Map.entry("heng", "hong"), Map.entry("tai", "tian"));
    private static final Map<String, String> HANZI_OF = Map.of("min", "敏", "fei", "飞", "huo", "火", "tian", "天",
            "xing", "兴", "mai", "迈", "jing", "京", "cheng", "程", "ling", "玲", "ang", "昂");

    private static final Place[] PLACES = {
            new Place("深圳", "shenzhen", "Shenzhen", "广东", "518000", d("福田futian 南山nanshan 龙华longhua 宝安baoan 罗湖luohu")),
            new Place("广州", "guangzhou", "Guangzhou", "广东", "510000", d("天河tianhe 白云baiyun 番禺panyu 越秀yuexiu 海珠haizhu")),
            new Place("东莞", "dongguan", "Dongguan", "广东", "523000", d("南城nancheng 东城dongcheng 长安changan 虎门humen")),
            new Place("义乌", "yiwu", "Yiwu", "浙江", "322000", d("稠城choucheng 北苑beiyuan 江东jiangdong 福田futian")),
            new Place("杭州", "hangzhou", "Hangzhou", "浙江", "310000", d("西湖xihu 滨江binjiang 余杭yuhang 上城shangcheng")),
            new Place("厦门", "xiamen", "Xiamen", "福建", "361000", d("思明siming 湖里huli 集美jimei 海沧haicang")),
            new Place("宁波", "ningbo", "Ningbo", "浙江", "315000", d("鄞州yinzhou 海曙haishu 北仑beilun 江北jiangbei")),
            new Place("佛山", "foshan", "Foshan", "广东", "528000", d("南海nanhai 顺德shunde 禅城chancheng 三水sanshui")),
            new Place("苏州", "suzhou", "Suzhou", "江苏", "215000", d("姑苏gusu 吴中wuzhong 相城xiangcheng 虎丘huqiu")),
            new Place("香港", "hongkong", "Hong Kong", null, null, d("九龙jiulong 湾仔wanzai 观塘guantang")),
    };
    private static final Industry[] INDUSTRIES = {
            new Industry("贸易", new String[]{"Trading", "Trade"}), new Industry("科技", new String[]{"Technology", "Tech"}),
            new Industry("电子商务", new String[]{"E-commerce", "E-Commerce", "Ecommerce"}), new Industry("实业", new String[]{"Industrial"}),
            new Industry("进出口", new String[]{"Import & Export", "Import and Export"}), new Industry("供应链", new String[]{"Supply Chain"}),
            new Industry("电子", new String[]{"Electronics"}), new Industry("网络科技", new String[]{"Network Technology"}),
            new Industry("物流", new String[]{"Logistics"}), new Industry("家居", new String[]{"Household"}),
    };
    private static final String[][] STREETS = d("新华xinhua 科苑keyuan 深南shennan 建设jianshe 人民renmin 解放jiefang 中山zhongshan "
            + "和平heping 友谊youyi 滨海binhai 东方dongfang 金融jinrong 创业chuangye 高新gaoxin 环城huancheng 迎宾yingbin "
            + "长江changjiang 黄河huanghe 学府xuefu 文化wenhua 世纪shiji 工业gongye 春风chunfeng 阳光yangguang");
    /** Street types: Chinese, English forms, pinyin. */
    private static final String[][] STREET_TYPES = {{"路", "Road", "Rd", "Rd.", "Lu"}, {"大道", "Avenue", "Ave", "Ave.", "Dadao"},
            {"街", "Street", "St", "St.", "Jie"}};
    private static final String[] LTD = {"Co., Ltd.", "Co Ltd", "Co.,Ltd", "Co.,Ltd.", "Company Limited", "Co., Limited", "Limited", "Ltd."};

    private final SplittableRandom random;
    private final int stores;
    private final Transliterator traditional = Transliterator.getInstance("Simplified-Traditional");

    private VariantPortfolio(long seed, int stores) {
        this.random = new SplittableRandom(seed);
        this.stores = stores;
    }

    public static Generated generate(long seed, int stores) {
        return new VariantPortfolio(seed, stores).build();
    }

    private Generated build() {
        List<RawStore> out = new ArrayList<>();
        Map<String, Integer> truth = new HashMap<>();
        Map<String, List<String>> storesOf = new HashMap<>();
        Map<String, List<String[]>> hard = new HashMap<>();
        List<String[]> sharing = new ArrayList<>();
        Set<String> usedCompanies = new HashSet<>();
        Set<String> usedOffices = new HashSet<>();
        Office agent = new Office(0, 1, 3, 0, 8, "A", 808); // a registration agent's virtual office
        int operator = 0;
        while (out.size() < stores) {
            int id = operator++;
            Company company = uniqueCompany(usedCompanies);
            Company second = random.nextInt(5) == 0 ? uniqueCompany(usedCompanies) : null; // groups split over companies
            Office office = uniqueOffice(usedOffices, company.place);
            boolean virtual = random.nextInt(6) == 0;
            int size = Math.min(stores - out.size(), 2 + random.nextInt(4));
            List<String> mine = new ArrayList<>();
            List<String[]> written = new ArrayList<>(); // key, company, office or null
            for (int k = 0; k < size; k++) {
                String key = "amazon:US:V" + id + "X" + k;
                Company c = second != null && k % 2 == 1 ? second : company;
                Office o = virtual ? agent : office;
                // the office is the group's own: written on most stores; the agent's address on a virtual-office group's
                String address = random.nextInt(10) < 8 ? address(o) : null;
                out.add(store(out.size(), "V" + id + "X" + k, companyName(c), address));
                truth.put(key, id);
                mine.add(key);
                written.add(new String[]{key, companyKey(c), address == null ? null : "office"});
            }
            for (int x = 0; x < written.size(); x++) {
                for (int y = x + 1; y < written.size(); y++) {
                    String[] a = written.get(x), b = written.get(y);
                    if (a[1].equals(b[1]) || a[2] != null && b[2] != null) sharing.add(a[0].compareTo(b[0]) < 0 ? new String[]{a[0], b[0]} : new String[]{b[0], a[0]});
                }
            }
            storesOf.put("op" + id, mine);
            // a hard negative of this operator: its near twin, with stores of its own
            if (random.nextInt(2) == 0 && out.size() < stores) {
                int twinId = operator++;
                String kind;
                Company tc;
                Office to;
                switch (random.nextInt(5)) {
                    case 0 -> { kind = "brand_one_syllable"; tc = new Company(company.place, near(company.brand), company.industry); to = uniqueOffice(usedOffices, company.place); }
                    case 1 -> { kind = "brand_other_city"; tc = new Company((company.place + 1 + random.nextInt(PLACES.length - 1)) % PLACES.length, company.brand, company.industry); to = uniqueOffice(usedOffices, tc.place); }
                    case 2 -> { kind = "brand_other_industry"; tc = new Company(company.place, company.brand, (company.industry + 1 + random.nextInt(INDUSTRIES.length - 1)) % INDUSTRIES.length); to = uniqueOffice(usedOffices, company.place); }
                    case 3 -> { kind = "same_building_other_room"; tc = uniqueCompany(usedCompanies); to = new Office(office.place, office.district, office.street, office.streetType, office.number, office.building, office.room + 1 + random.nextInt(5)); }
                    default -> { kind = "same_street_other_number"; tc = uniqueCompany(usedCompanies); to = new Office(office.place, office.district, office.street, office.streetType, office.number + 2 + random.nextInt(20), office.building, office.room); }
                }
                // a near miss that happens to be another operator's company is no hard negative
                if (kind.startsWith("brand") && !usedCompanies.add(companyKey(tc))) continue;
                int size2 = Math.min(stores - out.size(), 1 + random.nextInt(3));
                List<String> twins = new ArrayList<>();
                for (int k = 0; k < size2; k++) {
                    String key = "amazon:US:V" + twinId + "X" + k;
                    out.add(store(out.size(), "V" + twinId + "X" + k, companyName(tc), random.nextInt(10) < 8 ? address(to) : address(to)));
                    truth.put(key, twinId);
                    twins.add(key);
                }
                List<String[]> pairs = hard.computeIfAbsent(kind, x -> new ArrayList<>());
                for (String a : mine) for (String b : twins) pairs.add(a.compareTo(b) < 0 ? new String[]{a, b} : new String[]{b, a});
            }
        }
        RawPortfolio raw = new RawPortfolio("CN", out, List.of(), List.of(), List.of(), List.of());
        return new Generated(raw, truth, operator, sharing, hard);
    }

    // ---- companies --------------------------------------------------------------------------------------------

    private Company uniqueCompany(Set<String> used) {
        while (true) {
            Company c = new Company(random.nextInt(PLACES.length), new Syllable[]{pick(SYLLABLES), pick(SYLLABLES)},
                    random.nextInt(INDUSTRIES.length));
            if (c.brand[0].pinyin.equals(c.brand[1].pinyin)) continue;
            if (used.add(companyKey(c))) return c;
        }
    }

    /** Brands alike in pinyin are one brand: keyed by pinyin, as a platform reads them. */
    private static String companyKey(Company c) {
        return c.place + "|" + c.brand[0].pinyin + c.brand[1].pinyin + "|" + c.industry;
    }

    private Syllable[] near(Syllable[] brand) {
        Syllable[] out = brand.clone();
        for (int i : random.nextBoolean() ? new int[]{1, 0} : new int[]{0, 1}) {
            String other = NEAR.get(brand[i].pinyin);
            if (other == null) continue;
            String hanzi = HANZI_OF.get(other);
            if (hanzi == null) for (Syllable s : SYLLABLES) if (s.pinyin.equals(other)) { hanzi = s.hanzi; break; }
            out[i] = new Syllable(hanzi, other);
            return out;
        }
        out[1] = new Syllable("兴", brand[1].pinyin.equals("xing") ? "xin" : "xing");
        if (out[1].pinyin.equals("xin")) out[1] = new Syllable("信", "xin");
        return out;
    }

    private String companyName(Company c) {
        Place p = PLACES[c.place];
        Industry ind = INDUSTRIES[c.industry];
        String brandPinyin = cap(c.brand[0].pinyin + c.brand[1].pinyin);
        String spaced = cap(c.brand[0].pinyin) + " " + cap(c.brand[1].pinyin);
        String brand = random.nextInt(4) == 0 ? spaced : brandPinyin;
        String english = pick(ind.english);
        String form = pick(LTD);
        String hanzi = c.brand[0].hanzi + c.brand[1].hanzi;
        String chinesePlace = p.hanzi + (random.nextBoolean() && !p.pinyin.equals("hongkong") ? "市" : "");
        String chineseForm = random.nextInt(4) == 0 ? "有限责任公司" : "有限公司";
        return switch (random.nextInt(9)) {
            case 0, 1 -> p.english + " " + brand + " " + english + " " + form;
            case 2 -> brand + " " + english + " (" + p.english + ") " + form;
            case 3 -> (p.english + " " + brandPinyin + " " + english + " " + form).toUpperCase(Locale.ROOT).replaceAll("[.,&()]", " ")
                    .replaceAll(" +", " ").strip();
            case 4, 5 -> chinesePlace + hanzi + ind.hanzi + chineseForm;
            case 6 -> traditional.transliterate(chinesePlace + hanzi + ind.hanzi + chineseForm);
            case 7 -> fullWidth(p.english + " " + brandPinyin + " " + english + " " + form);
            default -> (brandPinyin + " " + english + "(" + p.english + ")" + form).toLowerCase(Locale.ROOT);
        };
    }

    // ---- offices ----------------------------------------------------------------------------------------------

    private Office uniqueOffice(Set<String> used, int place) {
        while (true) {
            Office o = new Office(place, random.nextInt(PLACES[place].districts.length), random.nextInt(STREETS.length),
                    random.nextInt(STREET_TYPES.length), 1 + random.nextInt(300),
                    random.nextInt(4) == 0 ? String.valueOf((char) ('A' + random.nextInt(6))) : String.valueOf(1 + random.nextInt(20)),
                    (2 + random.nextInt(30)) * 100 + 1 + random.nextInt(20));
            // the near misses of an office are its neighbours: keep a few numbers and rooms free around each
            String key = o.place + "|" + o.street + "|" + o.streetType + "|" + o.number / 30;
            if (used.add(key)) return o;
        }
    }

    private String address(Office o) {
        Place p = PLACES[o.place];
        String[] district = p.districts[o.district];
        String[] street = STREETS[o.street];
        String[] type = STREET_TYPES[o.streetType];
        boolean letter = Character.isLetter(o.building.charAt(0));
        String streetEn = cap(street[1]) + " " + (random.nextBoolean() ? type[1] : type[2 + random.nextInt(2)]);
        String dist = cap(district[1]) + " " + pick(new String[]{"District", "Dist.", "Qu"});
        String unit = pick(new String[]{"Room ", "Rm ", "Rm. ", "Suite ", "Unit ", "#"}) + o.room;
        String bldg = pick(new String[]{"Building ", "Bldg ", "Bldg. ", "Block "}) + o.building;
        String number = random.nextBoolean() ? "No. " + o.number : String.valueOf(o.number);
        String postcode = p.postcode != null && random.nextBoolean() ? p.postcode : null;
        String country = p.pinyin.equals("hongkong") ? pick(new String[]{"", ", Hong Kong"})
                : pick(new String[]{"", ", China", ", CN", ", PRC", ", P.R. China"});
        return switch (random.nextInt(9)) {
            case 0, 1 -> unit + ", " + bldg + ", " + number + " " + streetEn + ", " + dist + ", " + p.english
                    + (postcode == null ? "" : " " + postcode) + country;
            case 2 -> streetEn + " " + (number.startsWith("No") ? number : "No. " + number) + ", " + bldg + " " + unit + ", " + dist + ", " + p.english + country;
            case 3 -> (unit + " " + bldg + " " + number + " " + streetEn + " " + dist + " " + p.english
                    + (postcode == null ? "" : " " + postcode) + country).toUpperCase(Locale.ROOT).replace(",", "");
            case 4 -> (postcode == null ? "" : postcode + " ") + p.english + ", " + dist + ", " + streetEn + " " + o.number + ", " + bldg + ", " + unit;
            case 5, 6 -> chinese(o, random.nextInt(4) == 0);
            case 7 -> cap(street[1]) + " " + type[4] + " " + o.number + " Hao, " + (letter ? o.building + " Zuo" : o.building + " Dong")
                    + ", Room " + o.room + ", " + cap(district[1]) + " Qu, " + p.english + (p.pinyin.equals("hongkong") ? "" : " Shi");
            default -> fullWidth(unit + "," + bldg + "," + number + " " + streetEn + "," + p.english);
        };
    }

    private String chinese(Office o, boolean traditionalScript) {
        Place p = PLACES[o.place];
        StringBuilder b = new StringBuilder();
        if (random.nextInt(4) == 0 && p.province != null) b.append("中国");
        if (random.nextInt(3) == 0 && p.province != null) b.append(p.province).append("省");
        b.append(p.hanzi).append(p.pinyin.equals("hongkong") ? "" : "市").append(p.districts[o.district][0]).append("区")
                .append(STREETS[o.street][0]).append(STREET_TYPES[o.streetType][0]).append(o.number).append("号")
                .append(o.building).append(Character.isLetter(o.building.charAt(0)) ? "座" : pick(new String[]{"栋", "栋", "幢"}))
                .append(o.room).append("室");
        if (p.postcode != null && random.nextInt(3) == 0) b.append(' ').append(p.postcode);
        return traditionalScript ? traditional.transliterate(b.toString()) : b.toString();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private RawStore store(int index, String storeId, String entity, String address) {
        String loc = "stores[" + index + "]";
        List<RawAttribute> attrs = new ArrayList<>();
        // each store's own email: advice sellers follow, and nothing to link on
        attrs.add(attribute(loc + ".attributes[0]", "email", storeId.toLowerCase(Locale.ROOT) + ".ops@outlook.com"));
        if (address != null) attrs.add(attribute(loc + ".attributes[1]", "address", address));
        return new RawStore(loc, f("amazon", loc + ".platform"), f("US", loc + ".marketplace"), f(storeId, loc + ".storeId"),
                f(storeId, loc + ".name"), f(entity, loc + ".legalEntity"), f("active", loc + ".status"),
                f("10000", loc + ".monthlyRevenue.amount"), f("USD", loc + ".monthlyRevenue.currency"), f(null, loc + ".openedOn"),
                f(null, loc + ".region"), attrs, f(null, loc + ".category"));
    }

    private static RawAttribute attribute(String at, String type, String value) {
        return new RawAttribute(at, f(type, at + ".type"), f(value, at + ".value"), f(null, at + ".firstSeen"),
                f(null, at + ".lastSeen"), f("registration", at + ".source"), f(null, at + ".region"));
    }

    private static String fullWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) b.append(c > 32 && c < 127 ? (char) (c - 33 + 0xFF01) : c == ' ' ? '\u3000' : c);
        return b.toString();
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Syllable[] syllables(String spec) {
        String[] parts = spec.split(" ");
        Syllable[] out = new Syllable[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = new Syllable(parts[i].substring(0, 1), parts[i].substring(1));
        return out;
    }

    private static String[][] d(String spec) {
        String[] parts = spec.split(" ");
        String[][] out = new String[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            int split = 0;
            while (split < parts[i].length() && parts[i].charAt(split) > 127) split++;
            out[i] = new String[]{parts[i].substring(0, split), parts[i].substring(split)};
        }
        return out;
    }

    private <T> T pick(T[] a) {
        return a[random.nextInt(a.length)];
    }

    private static Field f(String value, String location) {
        return new Field(value, location);
    }
}
