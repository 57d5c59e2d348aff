"""``negation``: a negative requirement is sent to a person.

"The product must not send data to third parties" asks what the product does
*not* do; a catalogue lists what it does, so it cannot confirm the promise and
matching would turn the ask into its opposite. Negations that name a place
("must not be stored outside the EU") are rewritten by the analysis into what
they ask ("only in the EU") and do not fire.

Fires: "Customer data must never be used to train AI models."
Does not fire: "Data must not be stored outside the EU." (read as residency in the EU)
"""

from __future__ import annotations

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence

ID = "negation"


def check(evidence: Evidence) -> list[Reason]:
    if not evidence.analysis.negative:
        return []
    return [Reason(ID, "negative requirement: a person must confirm what the product does not do")]
