package io.wirestream.cli.bench;

import java.util.List;

/**
 * A handful of invented plain-text wire stories on different beats (central bank, storm, football, chips, health,
 * elections, space), so that a benchmark run does not feed the annotator the same story with new numbers only. Every
 * name, figure and quote in them is made up. They follow the plain-text conventions the parser knows: headline line,
 * optional {@code By} line, a dateline opening the lead, paragraphs separated by blank lines.
 */
final class BuiltInStories {

    private BuiltInStories() {
    }

    static List<String> texts() {
        return List.of(CENTRAL_BANK, STORM, FOOTBALL, CHIPS, HEALTH, ELECTION, SPACE);
    }

    /** People named in the built-in texts (first name, surname), so that the generator can swap them consistently. */
    static List<String[]> people() {
        return List.of(
            new String[] {"Taro", "Kono"}, new String[] {"Itsunori", "Onodera"}, new String[] {"Sergey", "Lavrov"},
            new String[] {"Sergei", "Shoigu"}, new String[] {"Shinzo", "Abe"}, new String[] {"Vladimir", "Putin"},
            new String[] {"Katsutoshi", "Kawano"}, new String[] {"Dai", "Nagata"}, new String[] {"Takashi", "Kida"},
            new String[] {"Margarethe", "Vollmer"}, new String[] {"Henrik", "Aalto"}, new String[] {"Priya", "Raman"},
            new String[] {"Luis", "Ortega"}, new String[] {"Rosa", "Delgado"}, new String[] {"Marco", "Bellini"},
            new String[] {"Kwame", "Mensah"}, new String[] {"Ingrid", "Solberg"}, new String[] {"Wei", "Zhang"},
            new String[] {"Daniel", "Okafor"}, new String[] {"Helena", "Marsh"}, new String[] {"Tomasz", "Nowak"},
            new String[] {"Amara", "Diallo"}, new String[] {"Elena", "Petrova"}, new String[] {"Jonas", "Berg"},
            new String[] {"Sofia", "Lindqvist"}, new String[] {"Rahul", "Mehta"}, new String[] {"Anjali", "Rao"});
    }

    private static final String CENTRAL_BANK = """
        European Central Bank raises rates to fight stubborn inflation
        By Margarethe Vollmer

        FRANKFURT (Reuters) — The European Central Bank raised its main interest rate by 25 basis points to 4.25 percent on Thursday, its tenth increase in a row, as policymakers tried to cool inflation that has stayed well above their target.

        ECB President Henrik Aalto told reporters that the bank's governing council had been "unanimous on the direction, if not on the size" of the move, and that future decisions would depend on the data.

        Consumer prices in the euro zone rose 5.3 percent in the year to August, according to Eurostat, the European Union's statistics office, compared with the bank's goal of 2 percent.

        Markets reacted calmly. The euro rose 0.4 percent against the dollar to $1.0812, while Germany's DAX index closed 0.6 percent higher at 15,805 points.

        Economists at Deutsche Bank said the increase was likely the last of the cycle, pointing to a slowdown in lending and a contraction in manufacturing across the 20 countries that share the currency.

        Priya Raman, chief economist at ING in Amsterdam, said the bank faced "a narrow path between a recession it does not want and inflation it cannot tolerate."

        The bank also cut its growth forecast for this year to 0.7 percent from 0.9 percent and said it expected inflation to fall to 2.9 percent next year.

        Governments in Italy and Spain have urged the ECB to pause, warning that higher borrowing costs are weighing on households with variable-rate mortgages and on public debt of more than 2.8 trillion euros.
        """;

    private static final String STORM = """
        Typhoon lashes southern Japan, thousands evacuated
        By Helena Marsh

        KAGOSHIMA, Japan (AP) — A powerful typhoon slammed into southern Japan on Sunday with winds of up to 216 kilometers per hour, cutting power to more than 280,000 homes and forcing the evacuation of 9,400 people, officials said.

        The Japan Meteorological Agency warned of record rainfall in Kagoshima and Miyazaki prefectures and urged residents near rivers and steep slopes to move to higher ground.

        At least three people were injured, including an elderly man who fell from a roof while securing shutters, according to the Fire and Disaster Management Agency.

        Japan Airlines and All Nippon Airways cancelled 612 domestic flights, and Kyushu Railway suspended bullet train services between Fukuoka and Kagoshima.

        Prime Minister Shinzo Abe convened an emergency meeting in Tokyo and ordered ministries to "put saving lives first" as the storm moves north toward Shikoku and the main island of Honshu.

        Kyushu Electric Power said crews would begin restoring power once the winds drop, but warned that some outages could last several days.

        The storm is the 14th of the Pacific typhoon season and is expected to weaken to a tropical storm by Tuesday.
        """;

    private static final String FOOTBALL = """
        Bellini double sends Valencia into cup final
        By Luis Ortega

        MADRID (AFP) — Rosa Delgado's Valencia reached the Copa del Rey final for the first time in five years on Wednesday after two second-half goals from Marco Bellini beat Real Betis 2-1 at the Mestalla.

        Bellini, signed from Atalanta for 38 million euros in the summer, scored with a header in the 54th minute and then curled a free kick into the top corner 17 minutes later.

        Betis pulled a goal back through Kwame Mensah in stoppage time, but Valencia held on in front of a crowd of 47,300.

        "This club has waited too long for a night like this," Delgado said. "The players gave everything, and Bellini showed why we brought him here."

        Valencia will face Athletic Bilbao in the final in Seville on April 6. Athletic beat Osasuna 3-0 on aggregate in the other semi-final.

        The Spanish football federation said tickets would go on sale next week, with 22,000 seats set aside for each club.
        """;

    private static final String CHIPS = """
        Chipmaker to build 20 billion dollar plant in Ohio
        By Wei Zhang

        COLUMBUS, Ohio (Bloomberg) — Intel Corp. said on Friday it would build a semiconductor plant near Columbus, Ohio, investing 20 billion dollars and creating about 3,000 jobs, as the United States tries to bring chip manufacturing back from Asia.

        Chief executive Daniel Okafor said the site could grow into "the largest silicon manufacturing location on the planet," with room for up to eight factories over the next decade.

        The announcement follows the passage of the CHIPS and Science Act, which sets aside 52.7 billion dollars in subsidies for chip production and research in the United States.

        Ohio Governor Ingrid Solberg said the state would provide about 2.1 billion dollars in incentives, including road and water upgrades around the 1,000-acre site.

        Shortages of chips during the pandemic idled car factories from Michigan to Germany and pushed up prices of laptops and games consoles.

        Analysts at Morgan Stanley said the plant would not produce chips before 2026 and that the company still had to win customers from rivals such as Taiwan Semiconductor Manufacturing Co. and Samsung Electronics.

        Shares of Intel rose 2.4 percent to 36.15 dollars in New York.
        """;

    private static final String HEALTH = """
        WHO approves first malaria vaccine for wider use in Africa
        By Amara Diallo

        GENEVA (Reuters) — The World Health Organization on Wednesday recommended the wide use of a malaria vaccine for children in sub-Saharan Africa, a step health officials called historic in the fight against a disease that kills more than 600,000 people a year.

        The recommendation follows a pilot program in Ghana, Kenya and Malawi in which more than 800,000 children received at least one dose since 2019.

        WHO Director-General Tomasz Nowak said the vaccine, developed by GlaxoSmithKline, could save tens of thousands of young lives each year if it were combined with bed nets and other measures.

        The vaccine requires four doses and is about 30 percent effective against severe malaria, according to trial data, a level experts said was modest but meaningful given the scale of the disease.

        Gavi, the Vaccine Alliance, said its board would decide later this year whether to fund a broader rollout, which could cost about 1.2 billion dollars over five years.

        Malaria is caused by a parasite spread by mosquitoes. Children under five account for about 80 percent of deaths in Africa.
        """;

    private static final String ELECTION = """
        Finland's Social Democrats edge ahead in tight election count
        By Sofia Lindqvist

        HELSINKI (AFP) — Finland's Social Democrats narrowly led the count on Sunday night in a parliamentary election fought over debt, energy prices and relations with Russia, with 92 percent of votes counted.

        The party of Prime Minister Elena Petrova had 20.4 percent of the vote, ahead of the conservative National Coalition on 20.1 percent and the nationalist Finns Party on 19.8 percent, according to the Ministry of Justice.

        "It is too close to call, but the direction is good," Petrova told supporters at a restaurant in central Helsinki.

        National Coalition leader Jonas Berg said the result showed that voters wanted "order in public finances" after government debt rose above 72 percent of gross domestic product.

        Turnout was 71.9 percent, slightly higher than four years ago.

        Whoever wins will need to build a coalition in the 200-seat parliament, the Eduskunta, a process that took 53 days after the last election.

        Finland joined NATO earlier this month after decades of military non-alignment, a decision backed by all the main parties.
        """;

    private static final String SPACE = """
        India lands probe near the Moon's south pole
        By Anjali Rao

        BENGALURU, India (AP) — India on Wednesday became the first country to land a spacecraft near the Moon's south pole, a region scientists believe holds frozen water that could one day supply astronauts.

        The Chandrayaan-3 lander touched down at 6:04 p.m. local time, setting off celebrations at the Indian Space Research Organisation's control center in Bengaluru.

        "India is on the Moon," ISRO chairman Rahul Mehta told cheering engineers, as Prime Minister Narendra Modi watched by video link from Johannesburg, where he was attending a summit.

        The landing came days after Russia's Luna-25 probe crashed while trying to reach the same region, a setback for the Russian space agency Roscosmos.

        The mission cost about 75 million dollars, far less than comparable missions by the United States and China.

        The lander carries a six-wheeled rover that will spend about 14 days studying the lunar surface before the long lunar night sets in.
        """;
}
