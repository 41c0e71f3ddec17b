"""Items whose record lost its line breaks, and decisions that only accept the recommendation.

Each text is invented. Minutes printed from a case system and extracted with one line per page run an item's
fields together ("1. Title Sagsnr.: Resumé: Indstilling: Beslutning den : Godkendt."), empty fields and all,
after the page's header ("Fjordby Kommune Side 1"); the second reading breaks the line before each field's
label. A decision "Indstillingen tiltrådt." does what the recommendation proposed, so it takes that outcome.
"""

from __future__ import annotations

import pytest
from samples import normalised_and_parsed

from kkrgraph.structure.model import Section, TextSpan
from kkrgraph.structure.outcomes import decision_of
from kkrgraph.structure.parse import NotAMeetingDocument
from kkrgraph.structure.template import load_template


def _items(raw: str) -> list[tuple[str, str, str, str]]:
    """The items as the pipeline reads them: strictly first, then with the lines broken before the markers."""
    for second in (False, True):
        try:
            _text, parsed = normalised_and_parsed(raw, second_reading=second)
        except NotAMeetingDocument:
            continue
        return [(i.number, i.title, i.case_number, i.outcome) for i in parsed.items]
    return []


PAGES = """\
Referat Havnerådet torsdag den 5. marts 2020 Kl. 9:00 på Rådhuset

1 Referat torsdag den 5. marts 2020 Kl. 9:00 på Rådhuset

2 Fjordby Kommune Side 1 1. Godkendelse af dagsorden Sagsnr.: Resumé: Indstilling: Beslutning den : Dagsorden \
godkendt. Sagsfremstilling: Økonomi: Beslutningskompetence:

3 Fjordby Kommune Side 2 2. Status for havnebadet Sagsnr.: 19/2231 Resumé: Havnebadet åbnede i juni og har haft \
mange besøgende hele sommeren. Administrationen vil give en status. Indstilling: Direktionen indstiller: 1. at \
orienteringen tages til efterretning. Beslutning den : Indstillingen tiltrådt. Formanden takkede for \
orienteringen og for et godt samarbejde med havnens brugere.
"""


def test_an_items_fields_run_together_after_the_page_header_are_read_as_its_record():
    assert _items(PAGES) == [
        ("1", "Godkendelse af dagsorden", "", "approved"),  # an empty "Sagsnr.:" gives no case number
        ("2", "Status for havnebadet", "19/2231", "noted"),  # the recommendation accepted was to take note
    ]


def _section(heading: str, text: str) -> Section:
    return Section(heading, text, TextSpan(0, len(text)))


@pytest.mark.parametrize(
    ("recommendation", "decision", "outcome"),
    [
        ("Direktionen indstiller, at orienteringen tages til efterretning.", "Indstillingen tiltrådt.", "noted"),
        ("Direktionen indstiller, at orienteringen tages til efterretning.", "Indstillingen blev godkendt", "noted"),
        ("Direktionen indstiller, at planen godkendes.", "Indstillingen tiltrådt.", "approved"),
        # more than an acceptance: the decision's own words count
        ("Direktionen indstiller, at orienteringen tages til efterretning.", "Udvalget godkendte planen.", "approved"),
        (
            "Direktionen indstiller, at orienteringen tages til efterretning.",
            "Indstillingen godkendt med den ændring, at planen udvides.",
            "approved",
        ),
        # an acceptance and more that states an outcome of its own
        (
            "Direktionen indstiller, at orienteringen tages til efterretning.",
            "Indstillingen godkendt. Punkt 3 udsættes.",
            "approved",
        ),
        # an acceptance and more that states none, or the recommendation's: the recommendation's
        ("Direktionen indstiller, at orienteringen tages til efterretning.", "Indstillingen tiltrådt. Et godt møde.", "noted"),
        # the recommendation read as a decision is: a postponement decides nothing
        ("Direktionen indstiller, at sagen udsættes til næste møde.", "Indstillingen tiltrådt.", "other"),
        # a recommendation with no cue: the decision's own words
        ("Direktionen indstiller, at der tages stilling til planen.", "Indstillingen tiltrådt.", "approved"),
    ],
)
def test_a_decision_that_only_accepts_the_recommendation_takes_its_outcome(recommendation, decision, outcome):
    sections = [_section("Indstilling", recommendation), _section("Beslutning", decision)]
    found = decision_of(sections, "Status for havnebadet", load_template())
    assert found is not None and found.outcome == outcome


def test_an_appointment_recommended_and_accepted_is_an_appointment():
    recommendation = "Direktionen indstiller, at forslaget godkendes."
    sections = [_section("Indstilling", recommendation), _section("Beslutning", "Indstillingen tiltrådt.")]
    found = decision_of(sections, "Udpegning af medlemmer til Havnerådet", load_template())
    assert found is not None and found.outcome == "appointed"


def test_only_a_decision_heading_stands_with_a_lost_date():
    heading = load_template().section_heading
    assert heading.match("Beslutning den :").group("heading") == "Beslutning"
    assert heading.match("Baggrund").group("heading") == "Baggrund"
    assert heading.match("Baggrund den") is None
