"""``frequency``: an ask for something more often than a caveat lets the capability run.

"Hourly user sync from our HR system via SFTP" against a caveat "Nightly schedule only",
"real-time export" against "Exports run at most hourly": how often something runs has an
order (lexicon.yaml: frequencies, from "real time" to "yearly"), and a caveat clause that
keeps the capability to a frequency ("only") or bounds it ("at most") says in so many
words that more often is not offered: the answer is ``unsupported``, quoting the caveat.
As often, or less often ("weekly" against "nightly only"), is no doubt of this rule's:
the capability runs at least that often. An ask naming several frequencies is read by a
person (which part is asked how often?).

Fires: "Hourly user sync via SFTP" against "Nightly schedule only".
Does not fire: "Nightly user sync via SFTP" against the same caveat.
"""

from __future__ import annotations

import re

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import CLAUSES, KEEPS_TO_ONLY, LEXICON

ID = "frequency"

#: A clause that bounds how often: "at most hourly", "no more than once a day".
_AT_MOST = re.compile(r"\b(?:at\s+most|no\s+more\s+(?:often\s+)?than|up\s+to|maximum)\b", re.I)
_FORMS = sorted(
    ((form, step) for step, forms in enumerate(LEXICON.frequencies) for form in forms),
    key=lambda pair: -len(pair[0]),
)
_FORM = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(form).replace(r"\ ", r"[\s-]+") for form, _ in _FORMS)
    + r")(?![\w-])",
    re.I,
)
_STEP = {form: step for form, step in _FORMS}


def steps(text: str) -> dict[int, str]:
    """The frequencies ``text`` names, by step (0: at once), with the words as written."""
    found: dict[int, str] = {}
    for m in _FORM.finditer(text):
        key = re.sub(r"[\s-]+", " ", m[1].lower())
        step = _STEP.get(key, _STEP.get(key.replace(" ", "-")))
        if step is not None:
            found.setdefault(step, m[1])
    return found


def check(evidence: Evidence) -> list[Reason]:
    asked = steps(evidence.analysis.text)
    if not asked:
        return []
    reasons = []
    for cand in evidence.strong():
        cap = evidence.index.docs[cand.doc].cap
        for caveat in cap.caveats:
            for clause in CLAUSES.split(caveat):
                if not (KEEPS_TO_ONLY.search(clause) or _AT_MOST.search(clause)):
                    continue
                allowed = steps(clause)
                if not allowed or min(asked) >= min(allowed):
                    continue
                word = asked[min(asked)]
                said = f"'{word}' is more often than {cand.cap_id} runs: {caveat}"
                # One frequency asked: the caveat answers it; several: a person reads which.
                rules_out = said if len(asked) == 1 else None
                reasons.append(Reason(ID, said, cand.cap_id, rules_out=rules_out))
                break
            else:
                continue
            break
    return reasons
