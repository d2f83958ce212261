package io.linkscope.report;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import io.linkscope.support.SharedNeo4j;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Message catalogs: the same keys and arguments in every language, every key used, the glossary's terms in use")
class MessageCatalogTest {

    @Test
    @DisplayName("every key is in both catalogs, with the same argument names, and every pattern compiles")
    void sameKeys() {
        Set<String> en = Messages.keys(Messages.EN), zh = Messages.keys(Messages.ZH_CN);
        Set<String> missingInZh = new TreeSet<>(en), missingInEn = new TreeSet<>(zh);
        missingInZh.removeAll(zh);
        missingInEn.removeAll(en);
        assertEquals(Set.of(), missingInZh, "keys missing from the zh-CN catalog");
        assertEquals(Set.of(), missingInEn, "keys missing from the en catalog");
        for (String key : en) {
            Set<String> enArgs = arguments(Messages.EN, key), zhArgs = arguments(Messages.ZH_CN, key);
            // a translation may leave out an argument English needs for its plural only; it never invents one
            assertTrue(enArgs.containsAll(zhArgs), key + ": zh-CN uses arguments English does not pass: " + zhArgs + " vs " + enArgs);
        }
    }

    private static Set<String> arguments(String tag, String key) {
        String pattern = Messages.of(tag).patterns("").get(key);
        return new HashSet<>(new MessageFormat(pattern, ULocale.forLanguageTag(tag)).getArgumentNames());
    }

    @Test
    @DisplayName("no unused key: each is named in the code or the dashboard, literally or under a prefix the code completes")
    void noUnusedKey() throws IOException {
        Path repo = SharedNeo4j.repo();
        List<String> sources;
        try (Stream<Path> files = Stream.concat(Files.walk(repo.resolve("src/main/java")), Files.walk(repo.resolve("src/main/resources/dashboard")))) {
            sources = files.filter(p -> p.toString().matches(".*\\.(java|js|html)$")).map(MessageCatalogTest::read).toList();
        }
        Set<String> literals = new HashSet<>(), prefixes = new HashSet<>();
        Pattern quoted = Pattern.compile("([\"'])([A-Za-z0-9_.-]+)\\1(\\s*\\+)?");
        for (String source : sources) {
            Matcher m = quoted.matcher(source);
            while (m.find()) {
                literals.add(m.group(2));
                if (m.group(2).endsWith(".") && m.group(3) != null) prefixes.add(m.group(2));
            }
        }
        Set<String> unused = new TreeSet<>();
        for (String key : Messages.keys(Messages.EN)) {
            if (literals.contains(key)) continue;
            if (prefixes.stream().anyMatch(key::startsWith)) continue;
            unused.add(key);
        }
        assertEquals(Set.of(), unused, "catalog keys nothing uses (remove them, or use them)");
    }

    @Test
    @DisplayName("the glossary beside the catalog lists the issue's terms, and the Chinese catalog uses each of them")
    void glossary() throws IOException {
        Path dir = SharedNeo4j.repo().resolve("src/main/resources/i18n");
        String glossary = Files.readString(dir.resolve("GLOSSARY.md"));
        String zh = Files.readString(dir.resolve("messages_zh-CN.properties"));
        for (String term : List.of("关联", "强关联", "疑似关联", "弱关联", "连带封号", "资金冻结", "收款账户", "集中度", "法人主体", "店铺", "风险敞口")) {
            assertTrue(glossary.contains(term), "the glossary defines " + term);
            assertTrue(zh.contains(term), "the Chinese catalog uses " + term);
        }
    }

    @Test
    @DisplayName("language tags: any Chinese is zh-CN, any English is en, Accept-Language by preference, anything else is not matched")
    void matching() {
        assertEquals("zh-CN", Messages.match("zh-CN"));
        assertEquals("zh-CN", Messages.match("zh_CN"));
        assertEquals("zh-CN", Messages.match("zh-Hans-CN"));
        assertEquals("zh-CN", Messages.match("fr-FR,zh;q=0.8,en;q=0.5"));
        assertEquals("en", Messages.match("en-GB,zh;q=0.5"));
        assertEquals("en", Messages.match(null));
        assertNull(Messages.match("fr"));
        assertThrows(IllegalArgumentException.class, () -> Messages.of("fr"));
    }

    @Test
    @DisplayName("money: full digits with USD in English; 万美元 from 10,000 on in Chinese, full digits below")
    void money() {
        Messages en = Messages.english(), zh = Messages.of("zh-CN");
        assertEquals("1,234,567 USD", en.money(1_234_567));
        assertEquals("123.46 万美元", zh.money(1_234_567));
        assertEquals("8,500 美元", zh.money(8_500));
        assertEquals("-443.68 万美元", zh.signedMoney(-4_436_775));
        assertEquals("+12,000 USD", en.signedMoney(12_000));
        assertEquals("58.94", zh.moneyCell(589_410));
        assertEquals("589,410", en.moneyCell(589_410));
        assertEquals("amazon:US:A、amazon:US:B 和 amazon:US:C", zh.list(List.of("amazon:US:A", "amazon:US:B", "amazon:US:C")));
        assertEquals("a, b and c", en.list(List.of("a", "b", "c")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
