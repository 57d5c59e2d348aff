"""A customer's email thread pasted as text: the thread's mechanics are not asks.

Mail headers (a header block's "Subject:" and "Date:" too), forward and reply separators,
quote markers, a sign-off and signature in the middle of the thread, and lead-ins
("answered inline below") are listed as not read; the vendor's own questions quoted above
inline answers are read with the answer, as one requirement; the asks, quoted or not, are
read with their text as written, without their "> " markers. Each rule is also shown
not to fire on an ordinary list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.sources import ReadLog, ReadOptions, read_requirements

THREAD = """\
From: Jo Park <jo.park@vendor.example>
Sent: Wednesday, 4 March 2026 11:20
To: Presales <presales@vendor.example>
Subject: FW: Questions on the pilot

Hi all,

Forwarding Lena's reply, see below.

Thanks,
Jo

-----Original Message-----
From: Lena Vogt <lena.vogt@hafen-logistik.example>
Date: Tue, 3 Mar 2026 at 16:02
Subject: RE: Questions on the pilot
To: Jo Park <jo.park@vendor.example>

Hello Jo,

Our answers are inline below.

> How many warehouses would take part in the pilot?
Three sites in Hamburg, each must be able to book dock slots on its own.

> Which ERP system do you run?
SAP S/4HANA; we need to sync purchase orders every 15 minutes.

Kind regards,
Lena Vogt
Head of IT Operations | Hafen Logistik GmbH
lena.vogt@hafen-logistik.example

On Mon, 2 Mar 2026 at 09:14, Ravi Nair <ravi.nair@hafen-logistik.example> wrote:
> Lena, for the vendor:
>
> - Can drivers get an SMS when their slot changes?
> - Gate staff need a tablet view of the day's arrivals.
>
> Cheers,
> Ravi
"""


def _read(tmp_path: Path, text: str, **options: bool) -> tuple[list, ReadLog]:
    path = tmp_path / "thread.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))  # pasted from Outlook
    log = ReadLog()
    requirements, _ = read_requirements(
        [str(path)], ReadOptions(**options) if options else None, log
    )
    return requirements, log


def test_a_thread_reads_its_asks_and_lists_its_mechanics(tmp_path):
    requirements, log = _read(tmp_path, THREAD)
    # A quoted question answered inline is read with its answer, the question first: the
    # answer alone ("Three sites in Hamburg, ...") does not say what it answers.
    assert [(r.text, r.source.line) for r in requirements] == [
        (
            "How many warehouses would take part in the pilot? Three sites in Hamburg, each"
            " must be able to book dock slots on its own.",
            23,
        ),
        (
            "Which ERP system do you run? SAP S/4HANA; we need to sync purchase orders"
            " every 15 minutes.",
            26,
        ),
        ("Can drivers get an SMS when their slot changes?", 37),
        ("Gate staff need a tablet view of the day's arrivals.", 38),
    ]
    # Nothing lost: every line of the letter is listed, with why.
    assert [(s.text, s.reason) for s in log.skipped] == [
        ("From: Jo Park <jo.park@vendor.example>", "a mail header"),
        ("Sent: Wednesday, 4 March 2026 11:20", "a mail header"),
        ("To: Presales <presales@vendor.example>", "a mail header"),
        ("Subject: FW: Questions on the pilot", "a mail header"),
        ("Hi all,", "a greeting"),
        ("Forwarding Lena's reply, see below.", "a line leading in to what follows"),
        ("Thanks,", "a sign-off"),
        ("Jo", "the signature"),
        ("-----Original Message-----", "where a forwarded or quoted message starts"),
        ("From: Lena Vogt <lena.vogt@hafen-logistik.example>", "a mail header"),
        ("Date: Tue, 3 Mar 2026 at 16:02", "a mail header"),
        ("Subject: RE: Questions on the pilot", "a mail header"),
        ("To: Jo Park <jo.park@vendor.example>", "a mail header"),
        ("Hello Jo,", "a greeting"),
        ("Our answers are inline below.", "a line leading in to what follows"),
        ("Kind regards,", "a sign-off"),
        ("Lena Vogt", "the signature"),
        ("Head of IT Operations | Hafen Logistik GmbH", "the signature"),
        ("lena.vogt@hafen-logistik.example", "the signature"),
        (
            "On Mon, 2 Mar 2026 at 09:14, Ravi Nair <ravi.nair@hafen-logistik.example> wrote:",
            "where a forwarded or quoted message starts",
        ),
        ("> Cheers,", "the sign-off"),
        ("> Ravi", "the signature"),
    ]
    # The quoted note's label names the section of the asks below it, as any label does.
    assert requirements[-1].section == "Lena, for the vendor"


def test_all_sentences_reads_the_thread_whole_without_its_quote_markers(tmp_path):
    requirements, _ = _read(tmp_path, THREAD, all_sentences=True)
    texts = [r.text for r in requirements]
    assert "Subject: FW: Questions on the pilot" in texts
    assert "How many warehouses would take part in the pilot?" in texts
    assert not any(t.startswith(">") for t in texts)


@pytest.mark.parametrize(
    "text, asks",
    [
        # Outside a mail, ">" before a number is "more than", not a quote marker.
        (
            "- > 500 concurrent users at peak\n- SSO with Okta\n",
            ["> 500 concurrent users at peak", "SSO with Okta"],
        ),
        # A subject line alone, with no header block and no RE:/FW:, is an ask.
        (
            "Subject: access reviews every quarter\nAudit log export\n",
            ["Subject: access reviews every quarter", "Audit log export"],
        ),
        # A quoted ask (a requirement keyword), or a quoted question with no reply right
        # below it, is read: only the other side's question above its answer is not.
        (
            "> Which modules are required at go-live?\nPayroll and rostering.\n",
            ["Which modules are required at go-live?", "Payroll and rostering."],
        ),
        (
            "Dev's note:\n> Can we get a webhook when a shipment is late?\n",
            ["Can we get a webhook when a shipment is late?"],
        ),
        # A lead-in that asks is an ask.
        (
            "The portal must show the carriers answered inline below.\n- DHL\n",
            ["The portal must show the carriers answered inline below.", "DHL"],
        ),
        # "wrote:" after no date and no address is no reply's separator.
        (
            "On the old system our shift leads wrote:\n- Rota export\n",
            ["On the old system our shift leads wrote:", "Rota export"],
        ),
    ],
)
def test_the_thread_rules_never_take_an_ask(tmp_path, text, asks):
    requirements, log = _read(tmp_path, text)
    assert [r.text for r in requirements] == asks
    assert log.skipped == []


def test_a_sign_off_mid_thread_signs_only_a_name_and_contact_lines(tmp_path):
    # Capitalised words below a sign-off are a name only above contact details; the
    # signature ends at the blank line below it.
    text = (
        "Regards,\nPayroll Exports\nShift swaps between sites\n\n"
        "Best regards,\nOla Berg\nIT | Fjord Freight\n\nMobile Scanning\n"
    )
    requirements, log = _read(tmp_path, text)
    assert [r.text for r in requirements] == [
        "Payroll Exports",
        "Shift swaps between sites",
        "Mobile Scanning",
    ]
    assert [(s.text, s.reason) for s in log.skipped] == [
        ("Regards,", "a sign-off"),
        ("Best regards,", "a sign-off"),
        ("Ola Berg", "the signature"),
        ("IT | Fjord Freight", "the signature"),
    ]


def test_a_quoted_question_with_no_answer_below_is_read_on_its_own(tmp_path):
    # The line below the question is a sign-off, not an answer: the question is kept.
    text = "Hello,\n\n> Which identity provider do you use today?\nThanks,\nAna\n"
    requirements, _ = _read(tmp_path, text)
    assert [(r.text, r.source.line) for r in requirements] == [
        ("Which identity provider do you use today?", 3)
    ]
