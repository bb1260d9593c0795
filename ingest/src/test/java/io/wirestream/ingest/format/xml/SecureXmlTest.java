package io.wirestream.ingest.format.xml;

import io.wirestream.ingest.format.ParseException;
import io.wirestream.ingest.format.newsml.NewsMlG2Parser;
import io.wirestream.ingest.format.nitf.NitfParser;
import io.wirestream.ingest.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecureXmlTest {

    @Test
    void externalEntityFileIsRejectedWithAClearErrorAndNothingIsRead() {
        assertThatThrownBy(() -> new NitfParser().parse(Fixtures.bytes("bad", "xxe.xml"), Fixtures.context("xxe.xml")))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.reason()).contains("external entit").contains("file:///etc/passwd");
                    assertThat(e.getMessage()).doesNotContain("root:");
                    assertThat(e.location()).isNotBlank();
                });
    }

    @Test
    void externalParameterEntityIsRejected() {
        assertThatThrownBy(() -> new NewsMlG2Parser().parse(Fixtures.bytes("bad", "xxe-parameter.xml"), Fixtures.context("p.xml")))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.reason()).contains("external entit"));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void billionLaughsIsRejectedByTheEntityExpansionLimit() {
        assertThatThrownBy(() -> new NitfParser().parse(Fixtures.bytes("bad", "billion-laughs.xml"), Fixtures.context("lol.xml")))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.reason()).contains("entity expansion limit");
                    assertThat(e.line()).isPositive();
                });
    }

    @Test
    void internalEntitiesWithinTheLimitStillExpand() throws ParseException {
        String xml = "<!DOCTYPE nitf [<!ENTITY ap \"The Associated Press\">]><nitf><head><docdata><doc-id regsrc=\"AP\" id-string=\"e-1\"/>"
                + "</docdata></head><body><body.content><p>Copyright &ap;</p></body.content></body></nitf>";
        var article = new NitfParser().parse(xml.getBytes(StandardCharsets.UTF_8), Fixtures.context("e.xml")).get(0);
        assertThat(article.getBody()).isEqualTo("Copyright The Associated Press");
    }

    @Test
    void declaredHttpCharsetWinsOverUtf8Default() throws ParseException {
        byte[] latin1 = "<nitf><head><docdata><doc-id id-string='c-1'/></docdata></head><body><body.content><p>Gr\u00fc\u00dfe</p></body.content></body></nitf>"
                .getBytes(StandardCharsets.ISO_8859_1);
        // undeclared and not UTF-8: read as Windows-1252 with a warning (it was a rejection before the leniency policy)
        var fallback = new NitfParser().parse(latin1, Fixtures.context("c.xml")).get(0);
        assertThat(fallback.getBody()).isEqualTo("Gr\u00fc\u00dfe");
        assertThat(fallback.getWarnings()).extracting(w -> w.getKind()).contains("charset-fallback");
        var article = new NitfParser().parse(latin1, Fixtures.context("c.xml").withDeclaredCharset(StandardCharsets.ISO_8859_1)).get(0);
        assertThat(article.getBody()).isEqualTo("Gr\u00fc\u00dfe");
        assertThat(article.getWarnings()).extracting(w -> w.getKind()).doesNotContain("charset-fallback");
    }

    @Test
    void rootSnifferSkipsPrologCommentsAndDoctype() {
        byte[] head = ("<?xml version='1.0'?>\n<!-- c -->\n<!DOCTYPE nitf [<!ENTITY a 'b'>]>\n<nitf>").getBytes(StandardCharsets.UTF_8);
        assertThat(XmlRootSniffer.rootLocalName(head)).isEqualTo("nitf");
        assertThat(XmlRootSniffer.rootLocalName("<g2:newsItem xmlns:g2='x'>".getBytes(StandardCharsets.UTF_8))).isEqualTo("newsItem");
        assertThat(XmlRootSniffer.rootLocalName("plain".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
