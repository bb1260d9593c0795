package io.wirestream.enrich.value;

import io.wirestream.enrich.text.TokenizedText;
import io.wirestream.schemas.Amount;
import io.wirestream.schemas.MentionSpan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Money and quantities: "$4.2 billion", "466.4 billion yen", "about 1,000 kilometers", "30 percent". Values carry
 * their multiplier (466.4 billion = 4.664E11), money its ISO 4217 currency, and hedges ("about", "nearly") set
 * {@code approximate}. Stateless and thread-safe.
 */
public final class AmountExtractor {
    private static final Map<String, String> SYMBOLS = Map.of("$", "USD", "€", "EUR", "£", "GBP", "¥", "JPY",
            "₩", "KRW", "₹", "INR", "₽", "RUB");
    private static final Map<String, String> CURRENCY_WORDS = Map.ofEntries(
            Map.entry("yen", "JPY"), Map.entry("dollar", "USD"), Map.entry("dollars", "USD"), Map.entry("euro", "EUR"),
            Map.entry("euros", "EUR"), Map.entry("pound", "GBP"), Map.entry("pounds", "GBP"), Map.entry("sterling", "GBP"),
            Map.entry("yuan", "CNY"), Map.entry("renminbi", "CNY"), Map.entry("ruble", "RUB"), Map.entry("rubles", "RUB"),
            Map.entry("rouble", "RUB"), Map.entry("roubles", "RUB"), Map.entry("won", "KRW"), Map.entry("rupee", "INR"),
            Map.entry("rupees", "INR"), Map.entry("shekel", "ILS"), Map.entry("shekels", "ILS"), Map.entry("peso", "MXN"),
            Map.entry("pesos", "MXN"), Map.entry("francs", "CHF"), Map.entry("franc", "CHF"), Map.entry("lira", "TRY"),
            Map.entry("riyal", "SAR"), Map.entry("riyals", "SAR"), Map.entry("dinar", "IQD"), Map.entry("dinars", "IQD"),
            Map.entry("rand", "ZAR"), Map.entry("baht", "THB"), Map.entry("ringgit", "MYR"), Map.entry("real", "BRL"),
            Map.entry("reais", "BRL"), Map.entry("hryvnia", "UAH"), Map.entry("naira", "NGN"), Map.entry("rial", "IRR"),
            Map.entry("rials", "IRR"), Map.entry("kronor", "SEK"), Map.entry("krona", "SEK"), Map.entry("kroner", "NOK"),
            Map.entry("zloty", "PLN"), Map.entry("forint", "HUF"), Map.entry("bitcoin", "XBT"), Map.entry("bitcoins", "XBT"));
    private static final Map<String, String> CURRENCY_CODES_BEFORE = Map.of("US", "USD", "U.S.", "USD", "HK", "HKD",
            "A", "AUD", "C", "CAD", "NZ", "NZD", "S", "SGD");
    private static final Map<String, Double> MULTIPLIERS = Map.ofEntries(Map.entry("thousand", 1e3),
            Map.entry("million", 1e6), Map.entry("billion", 1e9), Map.entry("trillion", 1e12), Map.entry("bn", 1e9),
            Map.entry("mn", 1e6), Map.entry("m", 1e6), Map.entry("b", 1e9), Map.entry("k", 1e3), Map.entry("tn", 1e12),
            Map.entry("hundred", 1e2), Map.entry("millions", 1e6), Map.entry("billions", 1e9));
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("kilometers", "km"), Map.entry("kilometres", "km"), Map.entry("kilometer", "km"),
            Map.entry("kilometre", "km"), Map.entry("km", "km"), Map.entry("miles", "mi"), Map.entry("mile", "mi"),
            Map.entry("meters", "m"), Map.entry("metres", "m"), Map.entry("meter", "m"), Map.entry("metre", "m"),
            Map.entry("feet", "ft"), Map.entry("foot", "ft"), Map.entry("tons", "t"), Map.entry("tonnes", "t"),
            Map.entry("ton", "t"), Map.entry("tonne", "t"), Map.entry("kilograms", "kg"), Map.entry("kilogram", "kg"),
            Map.entry("kg", "kg"), Map.entry("pounds-weight", "lb"), Map.entry("percent", "percent"),
            Map.entry("per", "percent"), Map.entry("%", "percent"), Map.entry("barrels", "bbl"), Map.entry("barrel", "bbl"),
            Map.entry("hectares", "ha"), Map.entry("acres", "acre"), Map.entry("degrees", "deg"),
            Map.entry("megawatts", "MW"), Map.entry("gigawatts", "GW"), Map.entry("liters", "l"), Map.entry("litres", "l"),
            Map.entry("gallons", "gal"), Map.entry("square", "sq"), Map.entry("troops", "troops"),
            Map.entry("soldiers", "soldiers"), Map.entry("people", "people"), Map.entry("years", "years"),
            Map.entry("days", "days"), Map.entry("hours", "hours"), Map.entry("minutes", "minutes"),
            Map.entry("points", "points"), Map.entry("votes", "votes"), Map.entry("seats", "seats"),
            Map.entry("nautical", "nmi"));
    private static final Set<String> HEDGES = Set.of("about", "some", "nearly", "approximately", "around", "almost",
            "roughly", "over", "under", "estimated", "up", "than");

    /** Amounts in text order. */
    public List<Amount> extract(TokenizedText t) {
        List<Amount> out = new ArrayList<>();
        int n = t.size();
        for (int i = 0; i < n; i++) {
            int flags = t.flags(i);
            boolean number = (flags & TokenizedText.NUMBER) != 0;
            if (!number && (flags & TokenizedText.WORD) != 0) continue; // cheap skip: only numbers and symbols matter
            String tok = t.token(i);
            String symbolCurrency = number ? null : SYMBOLS.get(tok);
            if (symbolCurrency != null && i + 1 < n && t.is(i + 1, TokenizedText.NUMBER) && t.start(i + 1) == t.end(i)) {
                int from = i;
                if (i > 0 && t.end(i - 1) == t.start(i) && CURRENCY_CODES_BEFORE.containsKey(t.token(i - 1))) {
                    from = i - 1;
                    if (tok.equals("$")) symbolCurrency = CURRENCY_CODES_BEFORE.get(t.token(i - 1));
                }
                Double v = number(t.token(i + 1));
                if (v == null) continue;
                int end = i + 2;
                Double mul = end < n ? MULTIPLIERS.get(t.lower(end)) : null;
                if (mul != null) {
                    v *= mul;
                    end++;
                }
                out.add(amount(t, hedgeStart(t, from), end, "MONEY", v, symbolCurrency));
                i = end - 1;
                continue;
            }
            if (!t.is(i, TokenizedText.NUMBER) || t.is(i, TokenizedText.WORD) && !isSuffixed(tok)) continue;
            Double v = number(tok);
            if (v == null) continue;
            int end = i + 1;
            Double mul = end < n ? MULTIPLIERS.get(t.lower(end)) : null;
            if (mul != null && !t.lower(end).equals("m") && !t.lower(end).equals("b") && !t.lower(end).equals("k")) {
                v *= mul;
                end++;
            }
            if (end >= n) continue;
            String next = t.lower(end);
            String currency = CURRENCY_WORDS.get(next);
            if (currency != null) {
                out.add(amount(t, hedgeStart(t, i), end + 1, "MONEY", v, currency));
                i = end;
                continue;
            }
            // "U.S. dollars", "Hong Kong dollars"
            if (end + 1 < n && CURRENCY_WORDS.containsKey(t.lower(end + 1)) && t.is(end, TokenizedText.CAP)) {
                String c = CURRENCY_WORDS.get(t.lower(end + 1));
                if (t.token(end).equals("Hong") || t.token(end).equals("Kong")) c = "HKD";
                out.add(amount(t, hedgeStart(t, i), end + 2, "MONEY", v, c));
                i = end + 1;
                continue;
            }
            String unit = UNITS.get(next);
            if (unit != null) {
                int stop = end + 1;
                if (unit.equals("sq") && stop < n && UNITS.containsKey(t.lower(stop))) {
                    unit = "sq " + UNITS.get(t.lower(stop));
                    stop++;
                } else if (unit.equals("nmi") && stop < n && t.lower(stop).startsWith("mile")) {
                    stop++;
                } else if (unit.equals("percent") && next.equals("per")) {
                    if (stop < n && t.lower(stop).equals("cent")) stop++;
                    else continue;
                } else if (unit.equals("sq")) {
                    continue;
                }
                out.add(amount(t, hedgeStart(t, i), stop, "QUANTITY", v, unit));
                i = stop - 1;
            }
        }
        return out;
    }

    private static boolean isSuffixed(String tok) {
        return false;
    }

    private static int hedgeStart(TokenizedText t, int i) {
        if (i == 0) return i;
        String prev = t.lower(i - 1);
        if (prev.equals("than") && i >= 2 && (t.lower(i - 2).equals("more") || t.lower(i - 2).equals("less"))) return i - 2;
        if (prev.equals("to") && i >= 2 && t.lower(i - 2).equals("up")) return i - 2;
        if (HEDGES.contains(prev) && !prev.equals("than") && !prev.equals("up")) return i - 1;
        return i;
    }

    private static Amount amount(TokenizedText t, int from, int to, String type, double value, String unit) {
        boolean approx = from < t.size() && !t.is(from, TokenizedText.NUMBER) && HEDGES.contains(t.lower(from))
                || from < t.size() && (t.lower(from).equals("more") || t.lower(from).equals("less") || t.lower(from).equals("up"));
        String normalized = plain(value) + " " + unit;
        return new Amount(type, value, unit, approx, normalized,
                new MentionSpan(t.start(from), t.end(to - 1), t.span(from, to)));
    }

    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static Double number(String tok) {
        StringBuilder b = new StringBuilder(tok.length());
        for (int k = 0; k < tok.length(); k++) {
            char c = tok.charAt(k);
            if (c == ',') continue;
            if (Character.isDigit(c) || c == '.') b.append(c);
            else return null;
        }
        try {
            return b.length() == 0 ? null : Double.parseDouble(b.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
