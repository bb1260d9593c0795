package io.wirestream.enrich.entity;

import java.util.Set;

/**
 * Word lists the entity rules use: titles, organisation / place / event heads, words that never start a name. The
 * public ones are also what {@code ner.NameCombiner} checks the tagger's spans against.
 */
public final class EntityLexicon {
    private EntityLexicon() {
    }

    /** Words that make a title (lower case): "Defense Minister", "President", "chief of staff", "Mr." */
    static final Set<String> TITLE_HEADS = words(
            "president", "minister", "secretary", "secretary-general", "chancellor", "premier", "king", "queen",
            "prince", "princess", "emperor", "empress", "pope", "cardinal", "archbishop", "bishop", "ayatollah",
            "sheikh", "sheik", "imam", "rabbi", "cleric", "general", "gen.", "lt.", "col.", "colonel", "maj.",
            "captain", "capt.", "commander", "admiral", "adm.", "sergeant", "sgt.", "lieutenant", "marshal",
            "brigadier", "senator", "sen.", "representative", "rep.", "congressman", "congresswoman", "governor",
            "gov.", "mayor", "ambassador", "envoy", "ombudsman", "spokesman", "spokeswoman", "spokesperson",
            "chairman", "chairwoman", "chairperson", "director", "director-general", "chief", "head", "leader",
            "judge", "justice", "prosecutor", "attorney", "commissioner", "mr.", "mrs.", "ms.", "dr.", "mr", "mrs",
            "ms", "dr", "prof.", "professor", "sir", "lord", "lady", "dame", "coach", "manager", "ceo", "executive",
            "president-elect", "vice-president", "lawmaker", "legislator", "official", "candidate", "nominee",
            "correspondent", "economist", "analyst", "counterpart", "officer", "aide", "adviser", "advisor",
            "deputy", "founder", "owner", "vice", "speaker", "monsignor", "father", "sister", "brother", "saint",
            "st.", "crown", "rev.", "reverend", "chancellor", "dictator", "strongman", "warlord",
            "militant", "activist", "dissident", "journalist", "reporter", "photographer", "editor", "writer",
            "author", "prophet", "mullah", "maulana", "actor", "actress", "singer", "star", "player", "striker", "midfielder", "defender",
            "goalkeeper", "champion", "pitcher", "rapper", "musician", "artist", "designer", "businessman",
            "tycoon", "billionaire", "magnate", "investor", "negotiator", "mediator", "inspector", "physicist",
            "scientist", "researcher", "expert", "lawyer", "attorney-general", "solicitor", "barrister", "bishop",
            "nun", "priest", "pastor", "patriarch", "superintendent", "constable", "inspector-general", "emir",
            "sultan", "shah", "czar", "tsar", "consul", "consul-general", "attache", "chargé", "delegate",
            "major-general", "lieutenant-general", "lieutenant-colonel", "brigadier-general", "lt.-gen.", "lt.-col.",
            "maj.-gen.", "brig.", "brig.-gen.", "rear-admiral", "vice-admiral", "lance-corporal", "corporal", "cpl.");

    /** Honorifics: stripped from a person's name but not kept as a role. */
    static final Set<String> HONORIFICS = words("mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame",
            "lord", "lady", "prof.", "rev.", "reverend", "monsignor");

    /** Capitalised words that qualify a title: "Prime", "Foreign", "Defense", "Vice"... */
    static final Set<String> TITLE_MODIFIERS = words(
            "prime", "vice", "deputy", "foreign", "defense", "defence", "interior", "finance", "financial", "trade",
            "economy", "economic", "economics", "justice", "health", "education", "agriculture", "energy", "oil",
            "environment", "labor", "labour", "culture", "information", "transport", "transportation", "home",
            "state", "security", "intelligence", "chief", "executive", "acting", "former", "senior", "assistant",
            "under", "army", "navy", "naval", "air", "force", "military", "police", "opposition", "party",
            "supreme", "high", "grand", "crown", "attorney", "presidential", "affairs", "cabinet", "commerce",
            "housing", "tourism", "industry", "sports", "communications", "science", "technology", "water",
            "fisheries", "planning", "development", "religious", "spiritual", "first", "top", "regional",
            "provincial", "national", "federal", "district", "county", "city", "general", "staff", "joint",
            "european", "trade", "petroleum", "mines", "mining", "public", "works", "social", "welfare", "women",
            "youth", "immigration", "homeland", "treasury", "budget", "revenue", "international", "relations",
            "emergency", "emergencies", "disaster", "reconstruction", "communication", "media", "press", "chief",
            "managing", "operating", "financial", "technical", "assistant", "associate", "principal", "special",
            "permanent", "secretary", "undersecretary", "u.n.", "un", "nato", "eu", "ruling", "main", "leading",
            "retired", "late", "interim", "caretaker", "outgoing", "incoming", "elected", "newly", "self-proclaimed",
            "de", "facto", "foreign-affairs", "human", "rights", "aid", "relief", "peace", "nuclear", "deputy-");

    /** Last word of an organisation's name. */
    static final Set<String> ORG_HEADS = words(
            "Ministry", "Party", "Council", "Committee", "Commission", "Company", "Corporation", "Corp.", "Corp",
            "Inc.", "Inc", "Ltd.", "Ltd", "Co.", "LLC", "PLC", "plc", "AG", "SA", "GmbH", "Group", "Bank", "Fund",
            "University", "College", "Institute", "Academy", "Agency", "Authority", "Office", "Department", "Bureau",
            "Service", "Services", "Army", "Navy", "Forces", "Force", "Fleet", "Guard", "Guards", "Police",
            "Brigade", "Brigades", "Battalion", "Regiment", "Command", "Corps", "Union", "Federation",
            "Association", "Organization", "Organisation", "Alliance", "Coalition", "League", "Movement", "Front",
            "Network", "Foundation", "Society", "Church", "Court", "Tribunal", "Parliament", "Assembly", "Congress",
            "Senate", "Cabinet", "Government", "Administration", "Board", "Center", "Centre", "Club", "Airlines",
            "Airways", "Motors", "Industries", "Systems", "Technologies", "Electronics", "Pharmaceuticals",
            "Holdings", "Partners", "Exchange", "Times", "Post", "News", "Journal", "Herald", "Tribune",
            "Telegraph", "Guardian", "Press", "Television", "TV", "Radio", "Broadcasting", "Watch", "Reserve",
            "Secretariat", "Directorate", "Mission", "Programme", "Trust", "Laboratory", "Laboratories", "Labs",
            "Hospital", "School", "Cartel", "Embassy", "Embassies", "Consulate", "Treaty", "Act", "Accord", "Accords",
            "Agreement", "Convention", "Protocol", "International", "Forum", "Initiative", "Worldwide", "Ventures",
            "Financial", "Base", "Hotel", "Mosque", "Stadium", "Prison", "Mine", "Airport", "Brotherhood", "Tigers", "Mujahideen", "Taliban", "Commissariat",
            "Conference", "Secretariat", "Council", "Chamber", "Chambers", "Ministries", "Prosecutor's",
            "Institution", "Commando", "Militia", "Militias", "Cooperative", "Consortium", "Enterprises", "Energy",
            "Petroleum", "Oil", "Gas", "Steel", "Telecom", "Communications", "Media", "Entertainment", "Studios",
            "Records", "Pictures", "Insurance", "Securities", "Capital", "Investments", "Bancorp", "Airlines",
            "Railways", "Railway", "Shipping", "Lines", "Motor", "Pharma", "Foods", "Stores", "Corps", "Office",
            "Legislature", "House", "Marines", "Pact", "Majlis", "Jirga", "Shura", "Politburo", "Junta", "Regime", "Dynasty", "Cabinet");

    /** First word of an organisation name followed by "of": "Ministry of Defense", "Bank of Japan". */
    static final Set<String> ORG_FIRST_HEADS = words("Ministry", "Bank", "University", "Council", "Department",
            "Organization", "Organisation", "Committee", "Commission", "Federation", "Association", "Union",
            "League", "Institute", "Academy", "Court", "Party", "Office", "Board", "Chamber", "House", "Church",
            "Congress", "Assembly", "Society", "Movement", "Front", "Coalition", "Alliance", "Army", "Federal",
            "Agency", "Fund", "Center", "Centre", "College", "School", "Order", "Bureau", "Secretariat");

    /** Last word of a place name. */
    static final Set<String> LOC_HEADS = words(
            "River", "Mountains", "Mountain", "Sea", "Ocean", "Gulf", "Bay", "Lake", "Island", "Islands", "Isles",
            "Strait", "Straits", "Peninsula", "Valley", "Desert", "Plateau", "Basin", "Canal", "Coast", "Province",
            "Region", "District", "County", "Prefecture", "Territory", "Territories", "Square", "Street", "Avenue",
            "Airport", "Heights", "Hills", "Plain", "Plains", "Delta", "Highway", "Bridge", "City", "Oblast",
            "Governorate", "Republic", "Kingdom", "Emirate", "Peninsula", "Pass", "Falls", "Glacier", "Reef",
            "Archipelago", "Cape", "Park", "Village", "Town", "Township", "Municipality", "Camp", "Border",
            "Corridor", "Zone", "Channel", "Harbor", "Harbour", "Port", "Sound", "Lagoon", "Forest", "Range", "Empire",
            "Station", "Wall", "Gate", "Monument", "Memorial", "Palace", "Tower", "Towers", "Cathedral", "Temple",
            "Shrine", "Cemetery", "Capitol", "Fort", "Castle", "Ranch");

    /** First word of a place name: "Mount Everest", "Lake Victoria", "Gulf of Aden". */
    static final Set<String> LOC_FIRST_HEADS = words("Mount", "Mt.", "Lake", "Gulf", "Bay", "Cape", "Port",
            "Fort", "Ft.", "Isle", "Sea", "Strait", "Straits", "Province", "Republic", "Kingdom", "Island", "Islands",
            "San", "Santa", "Saint", "St.", "Sao", "Los", "Las", "El", "New", "North", "South", "East", "West",
            "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower");

    /** Last word of an event's name. */
    static final Set<String> EVENT_HEADS = words("War", "Games", "Olympics", "Cup", "Championship",
            "Championships", "Open", "Festival", "Revolution", "Uprising", "Intifada", "Massacre", "Awards",
            "Prize", "Summit", "Marathon", "Expo", "Tournament", "Series", "Grand Prix", "Crusade", "Day");

    /** Lower-case nouns after a capitalised name that make it a product / weapon system. */
    static final Set<String> PRODUCT_FOLLOWERS = words("system", "systems", "missile", "missiles", "rocket",
            "rockets", "fighter", "fighters", "jet", "jets", "aircraft", "helicopter", "helicopters", "drone", "drones",
            "tank", "tanks", "submarine", "submarines", "warship", "destroyer", "satellite", "vaccine", "phone",
            "phones", "console", "software", "browser", "smartphone", "tablet", "bomber", "bombers", "rifle",
            "rifles", "interceptor", "interceptors", "radar", "car", "cars", "model", "airliner", "airliners");

    /** Lower-case organisation heads that end a capitalised name: "the Russian Pacific fleet". */
    static final Set<String> LOWER_ORG_HEADS = words("fleet");

    /** Words inside a name that stay lower case: "Bank of Japan", "Osama bin Laden", "Charles de Gaulle". */
    static final Set<String> CONNECTORS = words("of", "for", "and", "&", "de", "da", "du", "del", "della", "la", "le",
            "al", "bin", "ibn", "van", "von", "der", "den", "y", "dos", "das", "do", "el", "on", "the");

    /** Name particles that belong to a person's name. */
    static final Set<String> NAME_PARTICLES = words("de", "da", "du", "del", "della", "la", "le", "al", "bin",
            "ibn", "van", "von", "der", "den", "dos", "das", "do", "el", "y");

    /** Months and weekdays: capitalised but never names. */
    static final Set<String> CALENDAR = words("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
            "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
            "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday");

    /** Weekdays: never the end of a name ("Mr. Mandelson Tuesday said"); months can be ("Theresa May"). */
    public static final Set<String> WEEKDAYS = words("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday");

    /** Capitalised words that never start or make a name on their own. */
    static final Set<String> NEVER_NAMES = words("I", "The", "A", "An", "This", "That", "These", "Those", "It", "He",
            "She", "We", "They", "You", "His", "Her", "Its", "Their", "Our", "My", "Your", "In", "On", "At", "But",
            "And", "Or", "If", "When", "While", "After", "Before", "During", "Since", "As", "For", "With", "By",
            "From", "To", "Of", "There", "Here", "Some", "Many", "Most", "All", "Both", "Each", "Other", "Another",
            "No", "Not", "Yes", "Meanwhile", "However", "Also", "Last", "Next", "Earlier", "Later", "Still", "Yet",
            "So", "Such", "What", "Who", "Whom", "Where", "Why", "How", "Which", "Mr", "Mrs", "Ms", "OK", "TV",
            "AM", "PM", "Photo", "Eds", "Note", "Editor", "Update", "Updated", "Correction", "Page", "Internet",
            "Web", "GMT", "UTC", "EST", "EDT", "BST", "CET", "Chapter", "Article", "Section", "Part", "Phase",
            "Today", "Tomorrow", "Yesterday", "God");

    /** Religious and political adjectives: capitalised, but not names of their own ("Islamist", "Republican"). */
    public static final Set<String> NOT_ALONE = words("Maoist", "Maoists", "Islamist", "Islamists", "Republican", "Republicans",
            "Democrat", "Democrats", "Democratic", "Marxist", "Marxists", "Communist", "Communists", "Socialist",
            "Socialists", "Olympic", "Hispanic", "Hispanics", "Latino", "Latinos", "Muslim", "Muslims", "Moslem",
            "Moslems", "Shi'ite", "Shi'ites", "Shiite", "Shiites", "Shia", "Sunni", "Sunnis", "Kurdish", "Christian",
            "Christians", "Catholic", "Catholics", "Jewish", "Jew", "Jews", "Islamic", "Western", "Westerners",
            "Protestant", "Protestants", "Orthodox", "Hindu", "Hindus", "Buddhist", "Buddhists", "Evangelical",
            "Liberal", "Liberals", "Conservative", "Conservatives", "Jihadist", "Jihadists", "Baathist", "Baathists",
            "Zionist", "Allied", "Allies", "Federal", "National", "International", "Global", "Interim", "Transitional",
            "Presidential", "Parliamentary", "Constitutional", "Congressional", "Senate", "Royal", "Imperial",
            "Revolutionary", "Supreme", "Soviet", "Nazi", "Nazis", "Fascist", "Arabic", "Persian", "Pashto", "Urdu",
            "Hebrew", "Latin", "Greek", "Cyrillic", "Mandarin", "Cantonese", "European", "Europeans", "Kurd", "Kurds",
            "Islam", "Christianity", "Judaism", "Buddhism", "Hinduism", "Sikhism");

    /** Acronyms of common nouns, not of anybody's name: "GDP", "HIV", "CEO". */
    static final Set<String> GENERIC_ACRONYMS = words("GDP", "GNP", "GNI", "CPI", "HIV", "AIDS", "SARS", "MERS", "TB",
            "DNA", "RNA", "CEO", "CFO", "COO", "CTO", "MP", "MPs", "MEP", "MEPs", "PM", "AM", "TV", "FM", "AD", "BC",
            "GMT", "UTC", "EST", "EDT", "PST", "USD", "EUR", "GBP", "JPY", "IPO", "NGO", "NGOs", "WMD", "WMDs",
            "ICBM", "ICBMs", "IED", "IEDs", "RPG", "RPGs", "SUV", "SUVs", "UAV", "UAVs", "VIP", "VIPs", "DVD", "CD",
            "PC", "PCs", "GPS", "SMS", "URL", "UFO", "POW", "POWs", "PhD", "OK", "RAM", "CPU", "LNG", "LPG",
            "Q1", "Q2", "Q3", "Q4", "YOY", "FY", "FAQ", "ID", "IDs", "IQ", "HQ");

    /** Words before a storm's name: "Hurricane Katrina", "Hurricanes Katrina and Rita". */
    public static final Set<String> STORM_WORDS = words("Hurricane", "Typhoon", "Cyclone", "Storm", "Tropical",
            "Hurricanes", "Typhoons", "Cyclones");

    /** Compass words that are places when capitalised on their own ("the North"). */
    static final Set<String> COMPASS = words("North", "South", "East", "West", "Northeast", "Northwest", "Southeast",
            "Southwest");

    /** Last part of a hyphenated modifier that is no name: "U.S.-led", "London-based", "Chinese-made". */
    static final Set<String> COMPOUND_TAILS = words("based", "born", "made", "run", "era", "style", "majority",
            "speaking", "wide", "bound", "like", "type", "class", "owned", "held", "led", "backed", "linked", "funded",
            "controlled", "dominated", "inhabited", "allied", "affiliated", "sponsored", "brokered", "educated",
            "trained", "built", "designed", "friendly", "centric", "registered", "flagged", "oriented", "only",
            "bred", "themed", "focused", "administered", "occupied", "ruled", "supported", "proposed", "drafted",
            "aligned", "related", "level", "area", "wide", "related");

    /** Verbs of saying after a name: evidence for a person or organisation. */
    static final Set<String> SAY_VERBS = words("said", "says", "told", "added", "stated", "noted", "argued",
            "warned", "insisted", "explained", "asked", "wrote", "announced", "denied", "admitted", "acknowledged");

    /** Verbs after a lone unknown name that only a person does: "Lubanga denies", "Zawahiri appeared". */
    static final Set<String> PERSON_VERBS = words("denies", "denied", "appeared", "met", "meets", "visited",
            "visits", "arrived", "urged", "urges", "vowed", "vows", "pledged", "promised", "resigned", "testified",
            "pleaded", "apologized", "apologised", "thanked", "praised", "criticized", "criticised", "accused",
            "accuses", "condemned", "welcomed", "died", "married", "smiled", "replied", "insists", "believes",
            "believed", "wants", "wanted", "hopes", "hoped", "agreed", "refused", "refuses", "declined", "escaped",
            "fled", "surrendered", "confessed", "admits", "recalled", "recalls", "became", "joined", "succeeded",
            "won", "lost");

    /** Prepositions before a name that suggest a place. */
    static final Set<String> LOC_PREPOSITIONS = words("in", "near", "outside", "inside", "across", "into",
            "toward", "towards", "throughout", "of", "the", "at", "from", "to", "on", "northern", "southern", "eastern", "western",
            "central", "northeastern", "northwestern", "southeastern", "southwestern");

    private static Set<String> words(String... w) {
        return Set.copyOf(java.util.Arrays.asList(w));
    }
}
