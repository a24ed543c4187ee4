"""Paths the extractor tests share: reference data, held-out fixtures, the seed article and,
when the repo sits next to it, the shared development corpus."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "data"
HELDOUT = Path(__file__).resolve().parent / "fixtures" / "extract" / "heldout"
# Articles labelled before the extractor ever ran on them (see their README). Sets the rules have
# since been tuned on are held to the targets; blind8 and blind9 are not (their countries and
# organisations were not worked on in the events round: blind9's organisations are 0.7998), nor
# blind10, the latest estimate on unseen text (its README records its single run).
# blind11 and blind12 joined after the seventh round's rules, written from their misses, lifted
# every targeted field above its target (blind11 countries 0.919, organisations 0.943, events
# 1.000; blind12 organisations 0.853, events 1.000): their first-run scores stay in their
# READMEs as the honest estimate.
# blind13 and blind14 joined after the eighth round's rules, written from their misses (first
# run: blind13 organisations 0.808, events 0.612, commodities 0.800, countries 0.846; blind14
# organisations 0.714, events 0.809, commodities 0.857; after the round: blind13 organisations
# 1.000, events 0.962, commodities 0.857, countries 0.846; blind14 organisations 1.000, events
# 0.980, commodities 0.923, countries 1.000). blind14 meets every target; blind13's commodities
# (copper named in a forecast and a quote beside copper concentrate, gold in a national export
# statistic) and countries (a party's country named only as its home city's country or by a
# bare "Japan followed") were not worked on, so it is held to the organisations and events
# targets only (PARTLY_HELD).
# blind15 and blind16 joined after the ninth round (branch extractor4). Its rules were written
# from blind15's misses first; blind16 was then scored before its misses were read (organisations
# 0.839, events 0.556: the pseudo-unseen estimate), and only then studied. First run: blind15
# organisations 0.755, events 0.455; blind16 organisations 0.839, events 0.538. After the round:
# blind15 organisations 0.923, events 0.980; blind16 organisations 0.839, events 0.839. Their
# commodities, countries and money were not worked on (blind15 commodities 0.625), so both are
# held to the organisations and events targets only.
# blind17 and blind18 joined after the tenth round (branch extractor5). Its organisation rules were
# written from blind17's misses (and those left on blind13-16) first; blind18 was then scored before
# its misses were read (organisations 0.754, events 0.896: the pseudo-unseen estimate), and only
# then studied. First run: blind17 organisations 0.692, events 0.821; blind18 organisations 0.690,
# events 0.896. After the round: blind17 organisations 1.000, events 0.821; blind18 organisations
# 1.000, events 0.912. Their commodities (0.818, 0.741) were not worked on, so both are held to
# the organisations and events targets only.
# blind19 and blind20 joined after the eleventh round (branch extractor6), whose rules were written
# for classes of misses, each class from one of the two sets with the other (and every older set)
# held out. First run: blind19 organisations 0.540, events 0.836; blind20 organisations 0.711,
# events 0.607. After the round: blind19 organisations 0.820, events 0.929; blind20 organisations
# 0.921, events 0.903 (blind20's byline, in Spanish, had given no date). Their commodities (0.818,
# 0.636) were not worked on, so both are held to the organisations and events targets only.
# blind21 and blind22 joined after the twelfth round (branch extractor7), whose rules were written
# for classes of misses and false finds: first from blind21 with every other set held out, then
# blind22 was scored before its misses were read (organisations 0.785, events 0.656: the
# pseudo-unseen estimate), then studied with blind21 and the rest held out. First run: blind21
# organisations 0.722, events 0.786; blind22 organisations 0.744, events 0.656. After the round:
# blind21 organisations 1.000, events 1.000; blind22 organisations 0.961, events 1.000. Their
# commodities (0.909, 0.800) and blind22's countries (0.870) were not worked on, so both are held
# to the organisations and events targets only.
# blind23 and blind24 joined after the thirteenth round (branch extractor8), whose rules were
# written for classes of misses (acts listed or told in order after a counted signing, procedural
# steps, relative dates; owners, local names of lenders and legislatures, possessive countries):
# first from blind23 with every other set held out, then blind24 was scored before its misses were
# read (organisations 0.824, events 0.764: the pseudo-unseen estimate), then studied with blind23
# and the rest held out. First run: blind23 organisations 0.733, events 0.612; blind24
# organisations 0.831, events 0.741. After the round: blind23 organisations 0.909, events 0.966;
# blind24 organisations 0.971, events 1.000. Their commodities (0.714, 0.889), blind23's money
# (0.821) and its byline date were not worked on, so both are held to the organisations and
# events targets only.
# blind25 and blind26 joined after the fourteenth round (branch extractor9), whose organisation
# rules were written for classes of false finds and misses (a company's own board; bodies whose
# act is still in doubt, not yet done or no deal act; a climate fund; ordinal markers; a singular
# apposition after "A and B"; portfolio lists inside a name; district offices and legislatures
# approving the project's permit or order; a currency prefix ending a name; legal forms CJSC, Plc
# and S.A.C.; granting, issuing and recommending as role acts): first from blind25 with every
# other set held out, then blind26 was scored before its misses were read (organisations 0.771,
# events 0.842: the pseudo-unseen estimate, no change from its first run), then studied with
# blind25 and the rest held out. First run: blind25 organisations 0.700, events 0.794; blind26
# organisations 0.771, events 0.842. After the round: blind25 organisations 0.912, events 0.794;
# blind26 organisations 0.955, events 0.842. Their events, commodities (0.706, 0.800), money
# (blind25 0.800) and countries were not worked on, so both are held to the organisations and
# events targets only.
BLIND = Path(__file__).resolve().parent / "fixtures" / "extract" / "blind"
BLIND_SETS = [BLIND, *(BLIND.with_name(f"blind{n}") for n in (2, 3, 4, 5, 6, 7, 11, 12, 14))]
PARTLY_HELD = {
    BLIND.with_name(f"blind{n}"): ("organisations", "events")
    for n in (13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26)
}
SEED = REPO / "seeds" / "000_05e9ca41f59a7bf7.txt"
# The shared dev corpus, when the repo sits next to it (../shared/corpus/dev or /work/shared).
DEV_CANDIDATES = [
    REPO.parent / "shared" / "corpus" / "dev",
    REPO.parents[1] / "shared" / "corpus" / "dev",
]


def dev_corpus() -> Path | None:
    """The shared development corpus, if it is beside the repo."""
    return next((p for p in DEV_CANDIDATES if (p / "articles").is_dir()), None)
