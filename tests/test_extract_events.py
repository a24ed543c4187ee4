"""Events: kinds from triggers, dates resolved, plans and year-only dates excluded."""

from datetime import date

import pytest


def events(extractor, body, published=date(2025, 10, 1), headline="Minerals news"):
    text = f"{headline}\n\nWednesday, October 1, 2025\n\n{body}\n"
    return {(e["date"], e["kind"]) for e in extractor.extract(text, published).to_json()["events"]}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The two governments signed an MoU on Tuesday.", {("2025-09-30", "mou_signed")}),
        ("The miner signed a supply contract in August.", {("2025-08", "agreement_signed")}),
        (
            "In December, Beijing banned exports of antimony to the United States.",
            {("2024-12", "export_control")},
        ),
        (
            "The company agreed in June last year to buy the project.",
            {("2024-06", "agreement_signed")},
        ),
        (
            "Kinshasa suspended cobalt exports in February to prop up prices.",
            {("2025-02", "suspension")},
        ),
        (
            "Its first shipment of concentrate had left the port, the company said on Saturday.",
            {("2025-09-27", "shipment_dispatched")},
        ),
        ("The cargo arrived in Rotterdam last month.", {("2025-09", "shipment_arrived")}),
        ("The bank announced a $50m loan on Monday.", {("2025-09-29", "investment_announced")}),
    ],
)
def test_kinds_and_dates(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "The company plans to sign an offtake in December.",  # plan
        "A second cargo is scheduled for December.",  # scheduled
        "GM invested $625 million in the project last year.",  # year only
        "The minister said on Monday the text had been reviewed.",  # a remark
        "Prices rose to $410 after the announcement, from around $340 in January, traders said.",
    ],
)
def test_non_events(extractor, body):
    assert events(extractor, body) == set()


def test_undated_signing_takes_the_story_date_and_dedupes(extractor):
    body = (
        "The United States signed memoranda of understanding with Malaysia and Thailand on "
        "Sunday. Anwar and Trump signed the MoU together with an Agreement on Reciprocal Trade. "
        "Thailand's leader signed a similar MoU at the same summit."
    )
    assert events(extractor, body, date(2025, 10, 27)) == {
        ("2025-10-26", "mou_signed"),
        ("2025-10-26", "agreement_signed"),
    }


def event_list(extractor, body, published=date(2025, 10, 1)):
    text = f"Minerals news\n\nWednesday, October 1, 2025\n\n{body}\n"
    out = extractor.extract(text, published).to_json()["events"]
    return sorted((e["date"], e["kind"]) for e in out)


def test_a_similar_signing_on_the_same_day_stays_a_second_event(extractor):
    body = (
        "The United States signed an MoU with Malaysia on Sunday. "
        "Anwar and Trump signed the MoU at the summit. "
        "Thailand's leader signed a similar MoU at the same summit."
    )
    assert event_list(extractor, body, date(2025, 10, 27)) == [
        ("2025-10-26", "mou_signed"),
        ("2025-10-26", "mou_signed"),
    ]


def test_a_definite_deal_signed_without_date_is_a_restatement(extractor):
    body = (
        "Hanbit agreed to buy a 30% stake in the smelter, the companies said on Tuesday. "
        "The agreement, signed in Jakarta, also gives Hanbit offtake rights."
    )
    assert event_list(extractor, body) == [("2025-09-30", "investment_announced")]


def test_also_clause_takes_the_previous_event_date(extractor):
    body = (
        "The ministry said on Sunday it would suspend its ban on gallium exports. "
        "It also paused end-user reviews for graphite, which had been introduced in December "
        "of last year."
    )
    assert event_list(extractor, body) == [
        ("2024-12", "export_control"),
        ("2025-09-28", "suspension"),
        ("2025-09-28", "suspension"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("It extended the halt in June for another three months.", {("2025-06", "suspension")}),
        ("MP stopped shipping concentrate to China in April.", {("2025-04", "suspension")}),
        (
            "The plant received a $117 million grant in September.",
            {("2025-09", "investment_announced")},
        ),
        ("The government granted the mining licence on 2 April.", {("2025-04-02", "other")}),
        ("The leaders met at the summit on September 12.", {("2025-09-12", "other")}),
        (
            "DFC signed a letter of interest for a loan in August.",
            {("2025-08", "investment_announced")},
        ),
        ("YLB signed a contract in September of last year.", {("2024-09", "agreement_signed")}),
        (
            "The agency said on Monday that it will invest $400 million.",
            {("2025-09-29", "investment_announced")},
        ),
    ],
)
def test_more_triggers(extractor, body, expected):
    assert events(extractor, body) == expected


def test_last_week_gives_its_month_only_when_the_week_lies_in_one(extractor):
    body = "The firm said it had suspended a shipment last week."
    # (published Wednesday 1 October 2025: last week ran 22-28 September)
    assert events(extractor, body) == {("2025-09", "suspension")}
    # (published Wednesday 5 November 2025: last week ran 27 October - 2 November, two months)
    assert events(extractor, body, published=date(2025, 11, 5)) == set()
    # a price read last week is a market reading, no act
    assert events(extractor, "Tungsten was assessed at $610 per tonne unit last week.") == set()


def test_will_also_is_a_plan(extractor):
    body = "DoD said on Tuesday it would invest $400m. The department will also lend $150m."
    assert event_list(extractor, body) == [("2025-09-30", "investment_announced")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The date belongs to "arrived"; "will be shipped" is a plan.
        (
            "The consignment arrived at Poti on September 2 and will be shipped on to Houston.",
            {("2025-09-02", "shipment_arrived")},
        ),
        # ... unless the date dates the announcement of the plan.
        ("The ministry said on Sunday it would suspend the ban.", {("2025-09-28", "suspension")}),
        (
            "The firm had received 320 million reais from the bank in January.",
            {("2025-01", "investment_announced")},
        ),
        ("The government declared a state of emergency on Wednesday.", {("2025-10-01", "other")}),
        ("A blockade that began on September 3 closed the road.", {("2025-09-03", "other")}),
    ],
)
def test_planned_verbs_and_other_events(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Each date goes to its own coordinated verb.
        (
            "Its first trainload left the terminal on Tuesday and crossed into China on Wednesday.",
            {("2025-09-30", "shipment_dispatched"), ("2025-10-01", "shipment_arrived")},
        ),
        (
            "The firm raised $220 million from a bond sale in July.",
            {("2025-07", "investment_announced")},
        ),
        ("The firm raised output in July.", set()),
        (
            "The Pentagon agreed on July 10 to invest $400 million.",
            {("2025-07-10", "investment_announced")},
        ),
        (
            "The plant was idle since February, when Congo suspended cobalt exports.",
            {("2025-02", "suspension")},
        ),
        (
            "The two firms first announced the plan on December 27 last year.",
            {("2024-12-27", "other")},
        ),
    ],
)
def test_third_round_rules(extractor, body, expected):
    assert events(extractor, body) == expected


def test_money_also_raised_is_not_dated_by_the_previous_event(extractor):
    body = "In December, Beijing introduced export permits. The firm had also raised $40 million."
    assert events(extractor, body) == {("2024-12", "export_control")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The EBRD lent the company $65 million in April.", {("2025-04", "investment_announced")}),
        ("The plant resumed production in July.", {("2025-07", "other")}),
    ],
)
def test_lent_and_resumed(extractor, body, expected):
    assert events(extractor, body, headline="Plant restarts after a decade-long halt") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # One event per distinct act of an occasion, whether the act has its own date or not.
        (
            "The ministers signed a framework on Tuesday, as the two presidents met in Lima. "
            "The memorandum of understanding, signed by both ministries, covers copper. "
            "At the same ceremony, Andes Cobre agreed to invest $80 million in the smelter.",
            {
                ("2025-09-30", "mou_signed"),
                ("2025-09-30", "other"),
                ("2025-09-30", "investment_announced"),
            },
        ),
        # Votes and ratifications are "other"; so is a plant opening.
        ("The Senate voted on 21 September to approve the lease.", {("2025-09-21", "other")}),
        ("The refinery opened in August.", {("2025-08", "other")}),
        # Quotas raised and export licensing are controls; a bill that "would ban" is not.
        ("In July the regulator raised the miner's export quota.", {("2025-07", "export_control")}),
        (
            "In April, Beijing placed gallium under export licensing.",
            {("2025-04", "export_control")},
        ),
        (
            "The Senate on Monday approved a bill that would ban exports of nickel ore.",
            {("2025-09-29", "other")},
        ),
    ],
)
def test_acts_of_one_occasion_and_procedural_steps(extractor, body, expected):
    assert events(extractor, body) == expected


def test_two_parties_each_agreeing_are_two_events(extractor):
    text = (
        "Cobalt contracts\n\nOctober 1, 2025\n\n"
        "Castle Metals and Wren Trading each agreed on Monday to take 2,000 tonnes a year.\n"
    )
    got = extractor.extract(text, date(2025, 10, 1)).to_json()["events"]
    assert [(e["date"], e["kind"]) for e in got] == [("2025-09-29", "agreement_signed")] * 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A loan agreement signed is money committed; approving a sum is too.
        (
            "The miner signed loan agreements with three banks on Monday.",
            {("2025-09-29", "investment_announced")},
        ),
        (
            "The regional bank approved a $410 million package in August.",
            {("2025-08", "investment_announced")},
        ),
        # Approving or passing a deal's document is a procedural step.
        ("The assembly approved the memorandum in August.", {("2025-08", "other")}),
        (
            "The council on Monday passed a resolution approving the arrangement.",
            {("2025-09-29", "other")},
        ),
        # "It was signed ..." signs the MoU the sentence before names.
        (
            "The house approved the memorandum. It was signed in Lima on Sept. 2.",
            {("2025-09-02", "mou_signed")},
        ),
        # A date in a clause that continues the verb's ("to ... in August").
        (
            "The refinery shipped its first cargo, 5,000 tonnes, to a smelter in Ohio in August.",
            {("2025-08", "shipment_dispatched")},
        ),
        # "On 12 August, X, the state fund, agreed to invest ...": the date fronts the sentence.
        (
            "On 12 August, Orca, the state fund set up in 2019, agreed to invest $9 million in it.",
            {("2025-08-12", "investment_announced")},
        ),
    ],
)
def test_second_round_shapes(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The sale of a 51% stake was completed on Monday.",
            {("2025-09-29", "investment_announced")},
        ),
        (
            "In May, the agency provided the miner with a $40 million facility.",
            {("2025-05", "investment_announced")},
        ),
        (
            "The ministers signed a joint declaration of intent on Monday.",
            {("2025-09-29", "mou_signed")},
        ),
    ],
)
def test_third_round_shapes(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The ministry granted the refinery an export licence in January.", {("2025-01", "other")}),
        (
            "On Monday the assembly approved a resolution that gives the state a stake.",
            {("2025-09-29", "other")},
        ),
        (
            "Also today, the agency signed a memorandum of understanding with Japan.",
            {("2025-10-01", "mou_signed")},
        ),
        (
            "It took over the mine in January under an agreement signed in May 2024.",
            {("2025-01", "other"), ("2024-05", "agreement_signed")},
        ),
        (
            "The agency announced $225 Million in awards on Monday.",
            {("2025-09-29", "investment_announced")},
        ),
    ],
)
def test_fourth_round_shapes(extractor, body, expected):
    assert events(extractor, body) == expected


# Fifth round (events): kinds from the act's verb and object, dates counted from the one before.
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A licence awarded or granted, whatever the verb, is a procedural step.
        (
            "The ministry on Monday awarded a licence to build the smelter to Delta Metals.",
            {("2025-09-29", "other")},
        ),
        # Halting licensing is a suspension; halting exports to a named country is a control.
        (
            "In March the ministry halted the issue of new export licences for tin.",
            {("2025-03", "suspension")},
        ),
        (
            "Beijing halted gallium exports to the United States in December.",
            {("2024-12", "export_control")},
        ),
        ("Jakarta suspended bauxite exports in June.", {("2025-06", "suspension")}),
        # A measure stated as in force takes its kind from the measure.
        (
            "Kinshasa's cobalt export quotas, in force since February, lifted prices.",
            {("2025-02", "export_control")},
        ),
        ("The trade pact entered into force in September 2007.", {("2007-09", "other")}),
        # Approving someone's contract or purchase is procedural; a stake by percent invests.
        (
            "The assembly on Tuesday approved the $900 million contract between A and B.",
            {("2025-09-30", "other")},
        ),
        (
            "In August the regulator approved a 30% stake purchase by Delta Metals.",
            {("2025-08", "other")},
        ),
        (
            "In August the state fund agreed to buy 14% of Delta Nickel.",
            {("2025-08", "investment_announced")},
        ),
        ("A rival announced a similar project in May.", {("2025-05", "investment_announced")}),
        ("The commission today selected 13 new projects.", {("2025-10-01", "other")}),
        # The signing in a relative clause after a plan is still the signing's date.
        (
            "The mine will supply ore under a ten-year contract signed on Tuesday.",
            {("2025-09-30", "agreement_signed")},
        ),
        # Dates counted from the previous explicit one.
        (
            "The lower house approved the bill on 6 August. The senate ratified it a week later.",
            {("2025-08-06", "other"), ("2025-08-13", "other")},
        ),
        (
            "A and B signed an offtake on 2 June. The following month, the first cargo left port.",
            {("2025-06-02", "agreement_signed"), ("2025-07", "shipment_dispatched")},
        ),
        ("A week later, the first cargo left port.", set()),
        # A present-perfect act dated by its report takes the date of its restatement.
        (
            "Delta Metals has signed a two-year agreement with Vinto, the companies said on "
            "Tuesday. The deal was struck in La Paz on Monday.",
            {("2025-09-29", "agreement_signed")},
        ),
    ],
)
def test_fifth_round_shapes(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A memorandum of cooperation is an MoU.
        (
            "The two energy ministers signed a Memorandum of Cooperation on battery metals on "
            "Monday.",
            {("2025-09-29", "mou_signed")},
        ),
        # The act after "At the same forum", not the forum itself.
        (
            "Orlen Metals signed an offtake contract with Veld Cobalt on 3 September. At the same "
            "forum, Veld Cobalt and Pampas Refining signed a processing agreement.",
            {("2025-09-03", "agreement_signed")},
        ),
        # A meeting named as a reference point does not date the signing beside it.
        (
            "On 12 September, a day after the bilateral meeting, Harlow Nickel and Tegal Smelting "
            "signed a nickel matte supply contract.",
            {("2025-09-12", "agreement_signed")},
        ),
        (
            "The summit ended after a meeting between the two presidents in Lima on September 4.",
            {("2025-09-04", "other")},
        ),
        # A shipment under a quota is a shipment, not a control.
        (
            "Kasai Cobalt shipped its first cargo under the new quota on 8 September.",
            {("2025-09-08", "shipment_dispatched")},
        ),
        # Extending a ban keeps the kind of the measure reported before; the next act its own.
        (
            "Ruvuma halted graphite exports in March. The regulator extended the ban in June and "
            "replaced it with export quotas in August.",
            {("2025-03", "suspension"), ("2025-06", "suspension"), ("2025-08", "export_control")},
        ),
        # Pre-financing agreed is an investment.
        (
            "On 9 September, trader Baltic Ore agreed to pre-finance $80 million of the smelter's "
            "expansion.",
            {("2025-09-09", "investment_announced")},
        ),
        # A certificate issued and a strategy launched are steps of their own ("other").
        (
            "The environment agency issued the plant's operating certificate last Friday.",
            {("2025-09-26", "other")},
        ),
        (
            "Peru's Copper Roadmap, launched in May 2024, sets aside blocks for state partners.",
            {("2024-05", "other")},
        ),
        (
            "Ruvuma banned raw graphite exports in 2023, and the cabinet adopted a beneficiation "
            "strategy in July.",
            {("2025-07", "other")},
        ),
        # A policy that bars exports is a control.
        (
            "The government adopted the Mineral Value Policy in July, which bars the export of raw "
            "ore.",
            {("2025-07", "export_control")},
        ),
        # Background changes dated by month: a code revised, a metal added to a list.
        (
            "The country's mining code was revised in April 2019 to raise royalties.",
            {("2019-04", "other")},
        ),
        (
            "The government added vanadium to its list of critical minerals in June.",
            {("2025-06", "other")},
        ),
        # Money secured is an investment; the act restated with its own date keeps that date.
        (
            "Tanami Smelting has secured a $300 million loan from two banks, the company said on "
            "Wednesday. The facility was signed on Tuesday.",
            {("2025-09-30", "investment_announced")},
        ),
        # A participle describing the document an act was done under does not set its kind.
        (
            "The miner said it had shipped 9,000 tonnes of ore in August under a permit issued by "
            "the customs authority.",
            {("2025-08", "shipment_dispatched")},
        ),
        # Several acts of one occasion: the framework and, as it was signed, the investments.
        (
            "The two countries signed a framework agreement on Tuesday, as three companies "
            "announced investments worth $2 billion.",
            {("2025-09-30", "agreement_signed"), ("2025-09-30", "investment_announced")},
        ),
        (
            "Orlen Metals signed an offtake with Veld Cobalt in July. In the same month, the "
            "ministry added cobalt to its list of strategic minerals.",
            {("2025-07", "agreement_signed"), ("2025-07", "other")},
        ),
        (
            "The ministers signed an MoU on Tuesday. During the same visit, the agency announced "
            "a $200 million loan to Puna Litio.",
            {("2025-09-30", "mou_signed"), ("2025-09-30", "investment_announced")},
        ),
        # "On 7 September, X also signed": the opening date dates the "also" act.
        (
            "The ministers signed an MoU on Tuesday. On 7 September, Puna Litio also signed a "
            "supply agreement with Great Lakes Cathode.",
            {("2025-09-30", "mou_signed"), ("2025-09-07", "agreement_signed")},
        ),
        # A regime approved is a step, though its name holds "Investment".
        (
            "The deal builds on the Large Investment Incentive Regime, approved by Congress in "
            "June 2024.",
            {("2024-06", "other")},
        ),
        # Construction started is an event; a trigger word inside a name is not a verb.
        (
            "When Nordgraf broke ground at its anode plant in March, it had a buyer.",
            {("2025-03", "other")},
        ),
        (
            "The refinery signed an offtake in June. Money has also come from Norrbotten Invest, a "
            "regional fund.",
            {("2025-06", "agreement_signed")},
        ),
        # An export duty raised is a change to an export control.
        (
            "Uzbekistan raised its copper export duty to 10% on 1 September.",
            {("2025-09-01", "export_control")},
        ),
        # A package closed, reported on Friday, restated with its signing date; a prepayment
        # guaranteed is an investment.
        (
            "Iberian Tungsten has closed a financing package with two banks, the company said on "
            "Friday. Under the package, signed on 2 September, ICO lends €40 million.",
            {("2025-09-02", "investment_announced")},
        ),
        (
            "The export credit agency guaranteed a $25 million prepayment from the buyer in July.",
            {("2025-07", "investment_announced")},
        ),
        # A partnership launched is a step; projects announced under one, with money, are not.
        ("The partnership was launched in March 2022.", {("2022-03", "other")}),
        (
            "The ministers on Tuesday announced four projects under the Australia-India Critical "
            "Minerals Investment Partnership, backed by A$40 million.",
            {("2025-09-30", "investment_announced")},
        ),
        # "and the same day": a second act on the date the sentence gave.
        (
            "On 3 September, Tsingshan signed a supply contract with Nickel Asia, and the same "
            "day Huayou agreed to buy a 30% stake in the project for $210 million.",
            {("2025-09-03", "agreement_signed"), ("2025-09-03", "investment_announced")},
        ),
        # A suspension lifted is a background step.
        (
            "The department lifted a suspension on two mines in December.",
            {("2024-12", "other")},
        ),
        # Money committed right after an act of the occasion is one more act of it; not after
        # a background control.
        (
            "Zambia began requiring export permits for cobalt in February. Two banks have "
            "provided a $45 million credit facility to the refinery.",
            {("2025-02", "export_control")},
        ),
        # Goods loaded are a shipment by the verb; a ban lifted is a step, not a new control.
        (
            "The metal was loaded at Pavlodar on 8 September.",
            {("2025-09-08", "shipment_dispatched")},
        ),
        (
            "Kazakhstan lifted its ban on gallium exports in May 2024.",
            {("2024-05", "other")},
        ),
        # A wire dateline's date is when the story was filed, not an act.
        (
            "TASHKENT, Oct 1 (Wire) - Uzbek state miner Navoi Ore said it expects to sign an "
            "offtake next year.",
            set(),
        ),
    ],
)
def test_sixth_round_shapes(extractor, body, expected):
    assert events(extractor, body) == expected


def test_money_committed_after_an_act_of_the_occasion_is_one_more_event(extractor):
    body = (
        "At the summit on 3 September, Orlen agreed to invest $180 million in Veld Cobalt. "
        "Two banks have given a financing commitment of $250 million to Pampas Refining."
    )
    text = f"Minerals news\n\nWednesday, October 1, 2025\n\n{body}\n"
    found = extractor.extract(text, date(2025, 10, 1)).to_json()["events"]
    assert [(e["date"], e["kind"]) for e in found] == [("2025-09-03", "investment_announced")] * 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A financial close is money committed, whatever the decimals in the sum.
        (
            "Ferrovia Salt had closed a $1.35 billion loan from the agency in March.",
            {("2025-03", "investment_announced")},
        ),
        # Loan documents signed are an agreement signed.
        (
            "The revised financing documents were signed in July.",
            {("2025-07", "agreement_signed")},
        ),
        # Money borrowed is raised money.
        (
            "The refiner borrowed 90 billion rupees from a state lender in August.",
            {("2025-08", "investment_announced")},
        ),
        # A set of controls widened, with no money named, is an export control.
        (
            "Hanoi raised the pressure again in June with a wider set of controls on ore.",
            {("2025-06", "export_control")},
        ),
        # The when-clause runs past commas to the verb and its object.
        (
            "Prices jumped in May, when the ministry added four metals, tin and bismuth among "
            "them, to its export control list.",
            {("2025-05", "export_control")},
        ),
        # Exports put under licence, licences required, shipments barred: controls.
        (
            "Ankara put exports of boron under licence in April.",
            {("2025-04", "export_control")},
        ),
        (
            "The regulator began requiring licences for exports of indium in July 2024.",
            {("2024-07", "export_control")},
        ),
        (
            "Quito put ore exports under licence in March 2023, and in June that year barred "
            "shipments of the ore to Peru.",
            {("2023-03", "export_control"), ("2023-06", "export_control")},
        ),
        # A lease or a concession extended is a step of its own, not a control.
        (
            "The state company extended the concession to 2050 in August.",
            {("2025-08", "other")},
        ),
        # A licence renewal received is a step, even near an unrelated "facility".
        (
            "The smelter received the renewal of its water permit on Monday, after a review of "
            "its storage facility.",
            {("2025-09-29", "other")},
        ),
        # A parcel or a single-tonne figure makes a sailing a shipment.
        (
            "A 5,000-tonne parcel sailed from Walvis Bay on September 9.",
            {("2025-09-09", "shipment_dispatched")},
        ),
        # Approving a study, a text or an expansion is a procedural step.
        (
            "The environment ministry approved the impact study for the smelter in September.",
            {("2025-09", "other")},
        ),
        # An announced future ban is a control announced now.
        (
            "The president announced in May that exports of raw bauxite would be banned from "
            "2030, giving firms time to invest in refining.",
            {("2025-05", "export_control")},
        ),
        # Money awarded is a grant.
        (
            "The Energy Department awarded Coldwater Alloys $12.5 million in August.",
            {("2025-08", "investment_announced")},
        ),
        # A stake the speaker said it would take is an investment announced.
        (
            "The provincial fund said last month it would take a C$15 million equity stake in "
            "the refiner.",
            {("2025-09", "investment_announced")},
        ),
        # Ratification, reopening and a fee paid are acts of their own ("other").
        (
            "The deal follows the ratification of the treaty by the Senate on Tuesday.",
            {("2025-09-30", "other")},
        ),
        ("The Serra Alta pit has run well since reopening in June.", {("2025-06", "other")}),
        (
            "Velha Mining paid a licence fee of 3 million reais to the state on 2 September.",
            {("2025-09-02", "other")},
        ),
        (
            "The buyer paid a $40 million prepayment on 2 September.",
            {("2025-09-02", "investment_announced")},
        ),
        # "this morning" is the day of publication.
        (
            "The ministry granted the mining licence to Fjord Graphite this morning.",
            {("2025-10-01", "other")},
        ),
    ],
)
def test_seventh_round_shapes(extractor, body, expected):
    assert events(extractor, body) == expected


def test_an_act_the_deal_came_after_is_counted_back_from_the_deal(extractor):
    body = (
        "Halvard Metals signed a supply contract with Oberon Magnets on Tuesday. "
        "The contract came a day after the Energy Department awarded Halvard $9 million. "
        "The deals come a month after the state approved an expansion of the mine."
    )
    assert events(extractor, body) == {
        ("2025-09-30", "agreement_signed"),
        ("2025-09-29", "investment_announced"),
        ("2025-08", "other"),
    }


def test_each_item_of_a_list_of_acts_is_an_act_of_the_occasion(extractor):
    body = (
        "Today, 1 October 2025, the ministry signed a concession agreement with Lago Verde "
        "Lithium.\n\nThe signing follows the ratification of the concession by the Senate on "
        "Monday.\n\nOn the same occasion, the following were also completed:\n\n"
        "1. The Mines Agency issued an export permit to Lago Verde Lithium.\n\n"
        "- Nordkap Batteries announced an investment of $300 million in a hydroxide plant, "
        "with output planned from 2029.\n\n"
        "- Lago Verde Lithium paid a signature fee of $2 million to the Treasury.\n\n"
        "Background\n\nThe mining code was last revised in 2019."
    )
    found = [
        (e["date"], e["kind"])
        for e in extractor.extract(
            f"Minerals news\n\nWednesday, October 1, 2025\n\n{body}\n", date(2025, 10, 1)
        ).to_json()["events"]
    ]
    assert sorted(found) == [
        ("2025-09-29", "other"),
        ("2025-10-01", "agreement_signed"),
        ("2025-10-01", "investment_announced"),
        ("2025-10-01", "other"),
        ("2025-10-01", "other"),
    ]


def test_acts_after_an_undated_signing_take_the_story_date(extractor):
    body = (
        "The two presidents met in Seoul on Thursday and their ministers signed an MoU on "
        "cobalt. It builds on a partnership the countries signed in Astana on 5 May 2024.\n\n"
        "Stepnoy Cobalt, a vehicle of two miners, signed a construction agreement for a "
        "refinery.\n\nTwo state banks have given a financing commitment of $200 million to "
        "Stepnoy Cobalt.\n\nA Korean refiner also agreed to buy the refinery's output."
    )
    found = [
        (e["date"], e["kind"])
        for e in extractor.extract(
            f"Minerals news\n\nWednesday, October 1, 2025\n\n{body}\n", date(2025, 10, 1)
        ).to_json()["events"]
    ]
    assert found.count(("2025-09-25", "investment_announced")) == 1
    assert found.count(("2025-09-25", "agreement_signed")) == 2
    assert ("2024-05-05", "agreement_signed") not in found


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Procedural approvals in other words are steps ("other").
        ("The cabinet endorsed the agreement on Tuesday.", {("2025-09-30", "other")}),
        ("The competition regulator cleared the takeover in August.", {("2025-08", "other")}),
        ("Parliament backed the agreement on Tuesday.", {("2025-09-30", "other")}),
        ("The senate gave its approval to the treaty on Thursday.", {("2025-09-25", "other")}),
        # A control scrapped is a step, not a new control.
        ("The government scrapped the export ban in June.", {("2025-06", "other")}),
        # Money committed in other words.
        (
            "Kestrel took a final investment decision on the refinery in June.",
            {("2025-06", "investment_announced")},
        ),
        (
            "The first tranche of the loan was disbursed on 12 September.",
            {("2025-09-12", "investment_announced")},
        ),
        (
            "Osprey won a $30 million grant from the Energy Department in August.",
            {("2025-08", "investment_announced")},
        ),
        # Signings and deals in other words.
        (
            "Kestrel entered into a binding offtake agreement with Osprey on 2 May.",
            {("2025-05-02", "agreement_signed")},
        ),
        (
            "The agreement was initialled in Lisbon on 4 September.",
            {("2025-09-04", "agreement_signed")},
        ),
        (
            "The companies sealed a $1.2 billion deal on Thursday.",
            {("2025-09-25", "agreement_signed")},
        ),
        ("The two companies formed a joint venture in July.", {("2025-07", "agreement_signed")}),
        # Goods delivered to a buyer have arrived.
        (
            "The first shipment was delivered to the smelter in Gdansk on Friday.",
            {("2025-09-26", "shipment_arrived")},
        ),
    ],
)
def test_acts_in_other_words(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Further subjects with their own verbs after a one-date sentence's first act.
        (
            "On Monday, Kestrel signed an MoU with Osprey and Halvorsen agreed to invest "
            "$50 million in Tarvos.",
            [("2025-09-29", "investment_announced"), ("2025-09-29", "mou_signed")],
        ),
        (
            "At a summit in Astana on Monday, the two governments signed a framework agreement, "
            "and three companies announced investments worth $2 billion.",
            [("2025-09-29", "agreement_signed"), ("2025-09-29", "investment_announced")],
        ),
        (
            "Kestrel signed the offtake on Monday and Osprey signed a second one with Tarvos.",
            [("2025-09-29", "agreement_signed"), ("2025-09-29", "agreement_signed")],
        ),
        # Two parties of one act, a restated act, and a plan are not further acts.
        (
            "Kestrel and Osprey signed the offtake on Monday and will ship the first cargo in "
            "2026.",
            [("2025-09-29", "agreement_signed")],
        ),
        (
            "The minister confirmed the investment on Tuesday, and the ministry announced it "
            "the same day.",
            [("2025-09-30", "investment_announced")],
        ),
        # An act in a "where" clause happened at the meeting.
        (
            "The leaders met in Seoul on Friday, where they witnessed the signing of four "
            "agreements.",
            [("2025-09-26", "agreement_signed"), ("2025-09-26", "other")],
        ),
        # Money approved by a board is an investment, even for an expansion.
        (
            "Its board approved a $90 million expansion on Monday.",
            [("2025-09-29", "investment_announced")],
        ),
        # "also took a 10% stake": a stake in per cent.
        (
            "Kestrel signed the offtake on Monday. Osprey also took a 10% stake in Tarvos.",
            [("2025-09-29", "agreement_signed"), ("2025-09-29", "investment_announced")],
        ),
    ],
)
def test_several_acts_on_one_date(extractor, body, expected):
    found = extractor.extract(
        f"Minerals news\n\nWednesday, October 1, 2025\n\n{body}\n", date(2025, 10, 1)
    ).to_json()["events"]
    assert sorted((e["date"], e["kind"]) for e in found) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "Tuesday's vote": an act of that day, apart from the signing it preceded.
        (
            "Following Tuesday's vote in parliament, the ministry signed the agreement on "
            "Wednesday.",
            {("2025-09-30", "other"), ("2025-10-01", "agreement_signed")},
        ),
        # Credit extended is money committed; a ban extended stays a control.
        (
            "The state lender extended a $100 million credit line to Kestrel in June.",
            {("2025-06", "investment_announced")},
        ),
        ("The government extended the export ban in June.", {("2025-06", "export_control")}),
        # A suspension imposed is a suspension.
        (
            "The government on Thursday imposed a 30-day suspension of cobalt exports.",
            {("2025-09-25", "suspension")},
        ),
    ],
)
def test_votes_credit_extended_and_suspensions_imposed(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A price that closed is no deal closed.
        ("LME tin closed at $36,850 a tonne on Tuesday.", set()),
        # Grants of rights, leases and authorisations, and a permit issued "one": procedural.
        ("The ministry granted the company a mining right in March.", {("2025-03", "other")}),
        ("The ministry granted its lease on 14 August.", {("2025-08-14", "other")}),
        (
            "The regulator gave the company its final export authorisation on Friday.",
            {("2025-09-26", "other")},
        ),
        (
            "The ore needs an export permit, and the ministry had issued one on Monday.",
            {("2025-09-29", "other")},
        ),
        # A lease renewed, a licence extended until a far year: the term's end owns no verb.
        ("Its mining leases were renewed in September by the office.", {("2025-09", "other")}),
        (
            "In September, the ministry extended its subsoil licence until 2046.",
            {("2025-09", "other")},
        ),
        # A measure's start is the measure; a licensing requirement is a control.
        (
            "Output restarted after a suspension that began in August 2023.",
            {("2023-08", "suspension")},
        ),
        (
            "It began in July 2023, when the ministry announced that exporters of gallium would "
            "need licences.",
            {("2023-07", "export_control")},
        ),
        # A sentence adverb before the date; a bare month counts on from the earlier date.
        ("Then in December 2024, Beijing banned exports.", {("2024-12", "export_control")}),
        (
            "The leaders met at the end of October 2024, and in November the ministry suspended "
            "the ban.",
            {("2024-10", "other"), ("2024-11", "suspension")},
        ),
        # A reading of a bill and a call for interest are procedural steps.
        (
            "Deputies approved it in first reading on 12 September.",
            {("2025-09-12", "other")},
        ),
        (
            "The partner was chosen after a call for expressions of interest issued in April.",
            {("2025-04", "other")},
        ),
    ],
)
def test_eighth_round_acts(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A second act "the same day", its verb before the phrase.
        (
            "The bank approved a loan of 80 million euros on Wednesday, and the developer signed "
            "a supply agreement the same day with a cell maker.",
            {("2025-10-01", "investment_announced"), ("2025-10-01", "agreement_signed")},
        ),
        # ... but not an announcement of the act just reported.
        (
            "The minister confirmed the deal on Tuesday, and the department announced it the "
            "same day.",
            {("2025-09-30", "other")},
        ),
        # Acts told in sequence ("then", "In the third deal") are acts of the occasion.
        (
            "The two ministries signed an MoU on Tuesday. The lender then signed a $75 million "
            "loan agreement with the miner. In the third deal, the miner agreed to sell "
            "concentrate to a smelter.",
            {
                ("2025-09-30", "mou_signed"),
                ("2025-09-30", "investment_announced"),
                ("2025-09-30", "agreement_signed"),
            },
        ),
        # A definite deal "signed last month" restates the signing dated by its day.
        (
            "You signed the offtake last month. We signed in Tokyo on 22 September.",
            {("2025-09-22", "agreement_signed")},
        ),
    ],
)
def test_same_day_and_sequenced_acts(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Numeric day-first dates and "on the Nth" date acts like any other date.
        (
            "The agency acquired its holding on 30.1.2025 for EUR 27 million.",
            {("2025-01-30", "investment_announced")},
        ),
        ("We signed in Frankfurt on the 4th.", {("2025-09-04", "agreement_signed")}),  # pub 1 Oct
        # A document's date is its signing, of the kind the document names.
        (
            "The applicant reported a letter of intent, dated 7.9.2025, with a battery maker.",
            {("2025-09-07", "mou_signed")},
        ),
        # A sum put in by any verb is an investment.
        (
            "Then the export credit agency came in with C$150 million on the 12th.",
            {("2025-09-12", "investment_announced")},
        ),
        # Procedural steps: a hearing held, a plan accepted, a permit granted in the passive, a
        # licence (not an export licence) extended, an application approved.
        (
            "The agency held a public hearing on the application on 9.9.2024.",
            {("2024-09-09", "other")},
        ),
        ("The ministry accepted our closure plan in August.", {("2025-08", "other")}),
        (
            "The environmental permit was granted by the regional agency on 12.6.2025.",
            {("2025-06-12", "other")},
        ),
        (
            "On 20 September, the agency extended the miner's licence for its deposits until 2051.",
            {("2025-09-20", "other")},
        ),
        (
            "The ministry approved the project's application to the investment regime in "
            "September.",
            {("2025-09", "other")},
        ),
        # An MoU concluded is an MoU; a loan agreed is an investment.
        (
            "The signing follows the memorandum of understanding concluded in March.",
            {("2025-03", "mou_signed")},
        ),
        (
            "The bank agreed on Monday to provide the buyer with a $400 million bridge loan.",
            {("2025-09-29", "investment_announced")},
        ),
    ],
)
def test_ninth_round_dates_and_kinds(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # An act told in the present perfect and dated by its report is the act the article
        # dates to the day before.
        (
            "The miner has agreed to sell a stake to a state agency, the companies said on "
            "Tuesday. The agency agreed on Monday to buy a 15% stake in the miner.",
            {("2025-09-29", "investment_announced")},
        ),
        # A signing told by a vague month is the one dated to the day that month.
        (
            "Last month it signed its first customer. We signed in Frankfurt on 4 September.",
            {("2025-09-04", "agreement_signed")},
        ),
        # ... but a promise made last month is its own act.
        (
            "The agency said last month it would take a C$20 million stake. The bank awarded the "
            "miner $28.5 million on 30 September.",
            {("2025-09", "investment_announced"), ("2025-09-30", "investment_announced")},
        ),
        # A season is no date, and the act is not the story's undated one.
        (
            "The miner signed an offtake with the buyer on Monday. We signed an impact benefit "
            "agreement with two First Nations last spring.",
            {("2025-09-29", "agreement_signed")},
        ),
        # "at the same ceremony" anywhere makes an undated act one more of the occasion.
        (
            "The ministry signed an investment agreement with the investor on Tuesday. The joint "
            "venture agreement between the two partners was signed at the same ceremony.",
            {("2025-09-30", "agreement_signed"), ("2025-09-30", "agreement_signed")},
        ),
        # A date in a later clause with no act of its own dates the verb before it.
        (
            "The federal fund put C$18 million toward the road, and we had confirmation of that "
            "in August.",
            {("2025-08", "investment_announced")},
        ),
        # An opening date reaches the main verb past commas.
        (
            "KINSHASA - On a humid afternoon in late August, the deputies filed in and, by 312 "
            "votes to 41, ratified the partnership.",
            {("2025-08", "other")},
        ),
        # Buying into a company under a signed agreement is an investment; buying a share of a
        # mine's output is an offtake.
        (
            "Under agreements signed on Tuesday, the buyer will acquire 40% of Minera Calingasta.",
            {("2025-09-30", "investment_announced")},
        ),
        (
            "The maker signed an agreement on Tuesday to buy 60% of the mine's concentrate.",
            {("2025-09-30", "agreement_signed")},
        ),
    ],
)
def test_ninth_round_restatements_and_distant_dates(extractor, body, expected):
    assert events(extractor, body) == expected


def test_two_acts_at_one_ceremony_are_two_events(extractor):
    text = (
        "Minerals news\n\nWednesday, October 1, 2025\n\nThe ministry signed an investment "
        "agreement with the investor on Tuesday. The joint venture agreement between the two "
        "partners was signed at the same ceremony.\n"
    )
    found = extractor.extract(text, date(2025, 10, 1)).to_json()["events"]
    assert [(e["date"], e["kind"]) for e in found] == [("2025-09-30", "agreement_signed")] * 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A reporting period's end and a results announcement are not acts.
        (
            "The miner today announced its results for the quarter ended September 30, 2025.",
            set(),
        ),
        # An order to suspend is a suspension; "only to suspend" is told in the past.
        (
            "In August, the regulator, the environmental agency, ordered the suspension of "
            "deposition at the tailings facility.",
            {("2025-08", "suspension")},
        ),
        (
            "In March it added anode materials and the equipment to make them to its controls, "
            "only to suspend that expansion for a year in June.",
            {("2025-03", "export_control"), ("2025-06", "suspension")},
        ),
        # A measure announced and in force later in the same sentence is one event.
        (
            "The ministry announced in October 2023 that exports of natural flake and spherical "
            "graphite would need licences, with the rule in force from December that year.",
            {("2023-10", "export_control")},
        ),
        # A date opening the sentence reaches a verb past an apposition.
        (
            "Last month Export Finance Norway, the state export credit agency, issued a guarantee "
            "of NOK 600 million covering bank loans to the miner.",
            {("2025-09", "investment_announced")},
        ),
    ],
)
def test_ninth_round_blind16_shapes(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # buying into a company for a share spelled "per cent"
        (
            "In September, the Kelud Fund paid $36m for 15 per cent of Mineira Serra Azul.",
            {("2025-09", "investment_announced")},
        ),
        # cover for a loan is a financing commitment
        (
            "In June, UK Export Finance agreed to guarantee $95m of a $120m loan to the miner.",
            {("2025-06", "investment_announced")},
        ),
        # a loan agreed, a letter of offer for a facility accepted
        (
            "In August, the state lender agreed a 400 billion peso senior loan for the project.",
            {("2025-08", "investment_announced")},
        ),
        (
            "On 17 September 2025, the company accepted a letter of offer from Bank Tanjung for "
            "a term financing facility of up to RM180.0 million.",
            {("2025-09-17", "investment_announced")},
        ),
        # a tax allowance approved is a procedural step
        (
            "On 4 August 2025, the investment authority approved the Investment Tax Allowance "
            "for the second furnace line.",
            {("2025-08-04", "other")},
        ),
    ],
)
def test_financing_kinds_told_in_other_words(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a regulator's visa and a lot's certification are procedural steps
        (
            "The regulator granted its visa to a trial sale contract between the two companies "
            "on Sept. 6. The certification centre certified a 30-tonne trial lot on Sept. 18.",
            {("2025-09-06", "other"), ("2025-09-18", "other")},
        ),
        # a compliance certificate received is a permit, not a cargo or money
        (
            "The project received its Environmental Compliance Certificate on 14 August 2025.",
            {("2025-08-14", "other")},
        ),
    ],
)
def test_procedural_steps_told_as_checks(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a commitment letter, cover insured and a bank line are money; a quarter closing is not
        (
            "The lenders signed their commitment letter on Monday. The export agency insured 90% "
            "of the prepayment on 12 September. The deal uses a $25 million borrowing-base line "
            "that two banks extended to the trader in August. Much has happened since the "
            "quarter closed.",
            {
                ("2025-09-29", "investment_announced"),
                ("2025-09-12", "investment_announced"),
                ("2025-08", "investment_announced"),
            },
        ),
        # a holder's licence renewed is a step; a unit price delivered somewhere is no cargo
        (
            "Its export licence for the concentrate was renewed by the ministry in July. Ore sold "
            "for $5.10 per dry metric tonne unit delivered to China this month.",
            {("2025-07", "other")},
        ),
        # a second act at the same ceremony; a report of an act already dated
        (
            "Vesta signed an offtake on Tuesday, and at the same ceremony agreed to build a plant "
            "with the state miner. Vesta announced on Wednesday that it had signed the offtake "
            "the day before.",
            {("2025-09-30", "agreement_signed")},
        ),
    ],
)
def test_twelfth_round_kinds(extractor, body, expected):
    assert events(extractor, body) == expected


def test_twelfth_round_distinct_acts(extractor):
    found = event_list(
        extractor,
        "Vesta signed an offtake on Tuesday, and at the same ceremony agreed to build a plant "
        "with the state miner.\n\nOn the same occasion, two further agreements were signed:\n\n"
        "1. A Shareholders' Agreement between Vesta and Ardo Holdings.\n\n"
        "2. A Loan Agreement between Vesta and Ardo Bank for a facility of $40 million.",
    )
    assert sorted(found) == [
        ("2025-09-30", "agreement_signed"),
        ("2025-09-30", "agreement_signed"),
        ("2025-09-30", "agreement_signed"),
        ("2025-09-30", "investment_announced"),
    ]


def test_signings_at_a_forum_take_its_day(extractor):
    body = (
        "The Kazakh-German business forum was held in Almaty on 24 September. During the forum, "
        "agreements with a total value of 2 billion euros were signed.\n\nThe ministry and the "
        "survey signed a memorandum of understanding on exploration.\n\nLindt Bank and Altyn "
        "Tungsten signed a loan agreement of 30 million euros.\n\nThe Law on ratification was "
        "signed by the President on 26 September."
    )
    assert events(extractor, body) == {
        ("2025-09-24", "mou_signed"),
        ("2025-09-24", "investment_announced"),
        ("2025-09-26", "other"),
    }


def test_a_dated_opener_of_documents_signed_dates_its_numbered_items(extractor):
    body = (
        "The smelter's permit was granted in March.\n\nOn 29 September the following agreements "
        "were signed:\n\n1. A Loan Agreement between Tamsin Metals and Volta Bank.\n\n"
        "2. A Memorandum of Understanding between the two governments."
    )
    assert events(extractor, body) == {
        ("2025-03", "other"),
        ("2025-09-29", "investment_announced"),
        ("2025-09-29", "mou_signed"),
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # page furniture: business hours and the notice's own date
        (
            "The contract may be inspected at the office from Monday to Friday. This "
            "announcement is dated 30 September 2025.",
            set(),
        ),
        # a bullet that opens with its verb; a private placement closed
        (
            "- Closed on September 26, 2025 a private placement of 2,000,000 shares for gross "
            "proceeds of C$1.1 million.",
            {("2025-09-26", "investment_announced")},
        ),
    ],
)
def test_page_furniture_and_bullet_verbs(extractor, body, expected):
    assert events(extractor, body) == expected


def test_that_month_takes_the_year_of_the_date_before_it(extractor):
    body = (
        "Beijing added gallium to its export licensing regime in March last year, and that "
        "November announced broader curbs on products made abroad."
    )
    assert events(extractor, body) == {("2024-03", "export_control"), ("2024-11", "export_control")}


def test_a_document_approved_by_a_body_is_a_procedural_step(extractor):
    body = "The concession agreement was approved by the Council of Ministers on 22 September."
    assert events(extractor, body) == {("2025-09-22", "other")}


def test_a_financing_document_and_a_deal_signed_together_are_two_acts(extractor):
    body = "The subscription agreement and a five-year offtake were signed on Monday."
    assert events(extractor, body) == {
        ("2025-09-29", "investment_announced"),
        ("2025-09-29", "agreement_signed"),
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # money paid before the goods, or a share of the company bought, at the same occasion as
        # the supply deal is an investment, whatever document or verb carries it
        (
            "On 22 September, Acme Metals signed a supply contract with Borel Trading. At the "
            "same ceremony, Borel Trading signed an agreement to prepay $9 million against "
            "future deliveries.",
            {("2025-09-22", "agreement_signed"), ("2025-09-22", "investment_announced")},
        ),
        (
            "On 22 September, Acme Metals signed a supply contract with Borel Trading. At the "
            "same ceremony, Borel Trading agreed to pay twelve million euros in advance.",
            {("2025-09-22", "agreement_signed"), ("2025-09-22", "investment_announced")},
        ),
        (
            "On 22 September, Tokai Corp signed an agreement to take a 25% equity interest in "
            "Kestrel Tin for $41 million.",
            {("2025-09-22", "investment_announced")},
        ),
        (
            "On 22 September, we completed the purchase of a 20% shareholding in Kestrel Tin for "
            "$18 million.",
            {("2025-09-22", "investment_announced")},
        ),
        # a deal to supply or to pay on delivery stays a deal
        (
            "On 22 September, Acme Metals signed an agreement to supply 500 tonnes to Borel.",
            {("2025-09-22", "agreement_signed")},
        ),
    ],
)
def test_prepayment_and_equity_bought_are_investments(extractor, body, expected):
    assert events(extractor, body) == expected


def test_a_second_object_after_the_same_day_shares_the_verb_and_a_dateline_is_no_act(extractor):
    # "signed A on Monday and, the same day, a loan with X": the loan is signed that day too; a
    # dateline filed from two places dates the story, not an act
    body = (
        "OSLO/LIMA, Sep 30 (Newswire) - A company reopening tin mines in Peru signed a five-year "
        "supply agreement with a Dutch maker of solder on Monday and, the same day, a $25 million "
        "pre-export finance facility with Nordbank, as European makers look for supply."
    )
    assert events(extractor, body) == {
        ("2025-09-29", "agreement_signed"),
        ("2025-09-29", "investment_announced"),
    }
    # an act restated ("announced it the same day") is no second object
    body = "Acme Metals signed a supply deal on Monday and announced it the same day."
    assert events(extractor, body) == {("2025-09-29", "agreement_signed")}


@pytest.mark.parametrize(
    "body",
    [
        # two parties whose names hold "and" sign one MoU: its kind is the MoU's
        "In March the Ministry of Mines and Energy and Ruritania's Ministry of Trade and Industry "
        "signed a memorandum of understanding in Doha, and a stake followed in the summer.",
        "A memorandum of understanding that the Ministry of Mines and Energy and the Ministry of "
        "Trade and Industry signed in March named nickel as a priority.",
    ],
)
def test_and_inside_the_parties_names_is_no_second_act(extractor, body):
    assert events(extractor, body) == {("2025-03", "mou_signed")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # two dates, two clauses: each act's kind from its own clause
        (
            "The Mining Directorate granted the operating licence on 2 July, and Nordfond "
            "awarded a grant of NOK 45 million for the pilot plant in September.",
            {("2025-07-02", "other"), ("2025-09", "investment_announced")},
        ),
        # lenders issuing their commitment letter commit money, sum named or not
        (
            "Borel Bank issued its commitment letter for the local currency tranche in August.",
            {("2025-08", "investment_announced")},
        ),
    ],
)
def test_each_dated_clause_has_its_own_kind(extractor, body, expected):
    assert events(extractor, body) == expected


@pytest.mark.parametrize(
    "tail",
    [
        # an "also" act told in the past perfect or over a period is background, not one more
        # act of the day just reported
        "Borel Trading said it had also bought small lots from Oman and would keep them.",
        "Borel Trading also bought small lots from Oman over the past year.",
    ],
)
def test_an_also_act_over_a_period_is_no_act_of_the_day(extractor, tail):
    body = "Ruritania has required licences for exports of antimony since September 2024. " + tail
    assert events(extractor, body) == {("2024-09", "export_control")}


def test_an_act_told_as_later_has_no_date_of_its_own(extractor):
    # "since August 2024 and later barred shipments to X": the later act is undated, no second
    # event of the control's month
    body = (
        "Ruritania has required export licences for gallium since August 2024 and later "
        "barred shipments to Borduria altogether."
    )
    found = extractor.extract(
        f"Minerals news\n\nWednesday, October 1, 2025\n\n{body}\n", date(2025, 10, 1)
    ).to_json()["events"]
    assert [(e["date"], e["kind"]) for e in found] == [("2024-08", "export_control")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a permit given with a hyphened word before it, a title recommended: procedural steps
        (
            "The Ministry of Mines gave it a large-scale mining licence in September.",
            {("2025-09", "other")},
        ),
        (
            "The Mining Advisory Council recommended the special mining lease in July, and the "
            "Minister granted it in August.",
            {("2025-07", "other"), ("2025-08", "other")},
        ),
    ],
)
def test_permits_given_and_recommended(extractor, body, expected):
    assert events(extractor, body) == expected


def test_documents_signed_today_then_listed_are_one_act_each(extractor):
    body = (
        "Three agreements for the Ruritania manganese project were signed today in the presence "
        "of the Minister.\nThe agreements signed today are:\n1. An Investment Promotion and "
        "Protection Agreement between the Development Agency and Acme Manganese Limited;\n2. A "
        "long-term offtake agreement between Acme Manganese Limited and Borel Ferroalloy; and\n"
        "3. A Memorandum of Understanding on cooperation in the mineral sector between the two "
        "ministries.\n"
    )
    text = f"Minerals news\n\nWednesday, October 1, 2025\n\n{body}"
    found = extractor.extract(text, date(2025, 10, 1)).to_json()["events"]
    assert sorted((e["date"], e["kind"]) for e in found) == [
        ("2025-10-01", "agreement_signed"),
        ("2025-10-01", "agreement_signed"),
        ("2025-10-01", "mou_signed"),
    ]


def test_a_day_named_with_no_act_dates_the_signing_told_next(extractor):
    body = (
        "Ruritania's second niobium project found its anchor customer on Monday. Acme Niobium "
        "signed an eight-year contract to supply Borel Steel with ferroniobium. The company's "
        "board had approved the share issue on 2 September."
    )
    assert events(extractor, body) == {
        ("2025-09-29", "agreement_signed"),
        ("2025-09-02", "other"),
    }
    # a signing still to come takes no day from the sentence before
    body = (
        "Delegates attended the first day of the forum on Monday. Officials said more than 100 "
        "agreements would be signed over its three days."
    )
    assert events(extractor, body) == set()


def test_a_body_approving_an_order_is_a_procedural_step(extractor):
    # the story is a deal; a legislature approving an order for its project is a step, not a deal
    body = (
        "Acme Gallium signed a seven-year supply deal on 24 September. The House of "
        "Representatives on Sept. 17 approved an order granting the project a waiver of import "
        "duties."
    )
    assert events(extractor, body, headline="Acme signs gallium supply deal") == {
        ("2025-09-24", "agreement_signed"),
        ("2025-09-17", "other"),
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a board's consent by a resolution adopted that day is a procedural step
        (
            "The Supervisory Board gave its consent to the conclusion of the agreements by a "
            "resolution adopted on 24 September.",
            {("2025-09-24", "other")},
        ),
        # a listed link to another notice, its date in brackets, is no act
        ("- Notice Concerning Revision of Full-Year Earnings Forecast (September 11, 2025)", set()),
    ],
)
def test_board_consent_and_linked_notices(extractor, body, expected):
    assert events(extractor, body, headline="Acme secures loan for plant") == expected


@pytest.mark.parametrize(
    "second",
    [
        # the occasion named with its place between, shares subscribed for: a second act
        "At the same Berlin meeting, Nordbank agreed a €50 million loan to Acme Lithium.",
        "The same day, Nordfond subscribed for new shares in Acme Lithium for NOK 180 million.",
    ],
)
def test_a_second_act_of_the_occasion_by_place_or_by_shares_subscribed(extractor, second):
    body = "Acme Lithium signed a six-year offtake with Borel Chemie on 22 September. " + second
    assert events(extractor, body) == {
        ("2025-09-22", "agreement_signed"),
        ("2025-09-22", "investment_announced"),
    }
