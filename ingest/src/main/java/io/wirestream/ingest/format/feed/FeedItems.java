package io.wirestream.ingest.format.feed;

import io.wirestream.ingest.format.ArticleDraft;
import io.wirestream.ingest.format.HtmlText;
import io.wirestream.ingest.format.ParseContext;

import java.net.URI;
import java.util.Locale;

/** What RSS and Atom items share: the source name, body/summary choice and id fallback. */
final class FeedItems {

    private FeedItems() {
    }

    /** Feed title, else the host of the origin URL, else the context's default source. */
    static String source(String feedTitle, ParseContext ctx) {
        if (feedTitle != null && !feedTitle.isBlank()) {
            return feedTitle.strip();
        }
        try {
            URI uri = URI.create(ctx.origin());
            if (uri.getHost() != null) {
                return uri.getHost();
            }
        } catch (IllegalArgumentException e) {
            // not an URL
        }
        return ctx.defaultSource();
    }

    /** Body from the full content when there is one (the summary then goes to the {@code summary} attribute), else the summary. */
    static void body(ArticleDraft d, String contentHtml, String summaryHtml) {
        String content = contentHtml == null ? "" : HtmlText.toText(contentHtml);
        String summary = summaryHtml == null ? "" : HtmlText.toText(summaryHtml);
        if (!content.isEmpty()) {
            d.body = content;
            d.attribute("summary", summary);
        } else {
            d.body = summary;
        }
    }

    /** Id of an item without guid / id: its link, else source + a slug of its title. */
    static String fallbackId(String source, String link, String title) {
        if (link != null && !link.isBlank()) {
            return link.strip();
        }
        if (title == null || title.isBlank()) {
            return null;
        }
        return source + ":" + title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-+|-+$", "");
    }
}
