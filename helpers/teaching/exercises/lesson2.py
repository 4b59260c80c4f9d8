"""Exercises of lesson 2, The calls: which calls the articles mention, how, when, and who gave an account."""

from __future__ import annotations

import helpers

from ..judgement import judge
from . import exercise, single

NOTEBOOK = "02_the_calls.ipynb"
FEB1_CALL = "blinken-lavrov-2022-02-01"


@exercise(
    "2.1",
    "How many calls do the articles mention in all, as main subject or in passing?",
    "number",
    NOTEBOOK,
    hints=(
        "Each row of the calls frame is one call, however many articles mention it.",
        "len(calls) counts the rows.",
        "Count calls, not mentions: a call that three articles mention is still one call.",
    ),
    needs_code=False,
)
def _calls(data_dir):
    return len(helpers.load_calls(data_dir))


@exercise(
    "2.2",
    "For how many of the calls does an article say who placed the call?",
    "number",
    NOTEBOOK,
    hints=(
        "The initiator_name column holds the person who placed a call, where an article says.",
        "An empty cell means no article says: count only the filled cells.",
        'On the Data track: calls["initiator"].notna().sum() counts the filled cells.',
    ),
    needs_code=False,
)
def _initiators(data_dir):
    return int(helpers.load_calls(data_dir)["initiator"].notna().sum())


@exercise(
    "2.3",
    "Which calls are only ever passing mentions, the main subject of no article? Give their call_ids.",
    "set",
    NOTEBOOK,
    hints=(
        'In the grid, a call is a passing mention only if no cell in its row says "main".',
        "The calls frame has a main_in column: the articles whose main subject the call is. "
        "It is empty for the calls you want.",
        'On the Data track: calls.loc[calls["main_in"].isna(), "call_id"] lists them.',
    ),
    needs_code=False,
    domain="call",
)
def _passing_only(data_dir):
    calls = helpers.load_calls(data_dir)
    return set(calls.loc[calls["main_in"].isna(), "call_id"])


@exercise(
    "2.4",
    "From the date notes: which call's date is stated in an article, rather than inferred, taken from "
    "outside the articles, approximate or unknown? Give its call_id.",
    "choice",
    NOTEBOOK,
    hints=(
        "Read each note and ask: does an article give the day itself, or is it counted, announced, "
        "looked up elsewhere, or only a month?",
        "A stated date is one an article writes down for the call, with its day (a dateline and "
        "a weekday can do it together).",
    ),
    needs_code=False,
    domain="call",
    wrong={
        "biden-putin-2022-02-12": "Read that call's note again: the article gives it no date, and "
        "the day comes from pages outside the articles.",
        "blinken-lavrov-2022-02-12": "That call's date is inferred from the day the Russian foreign "
        "ministry announced it; the article does not date the call itself.",
        "putin-macron-2022-03-03": "That call's date is inferred, by counting the days of the offensive.",
        "biden-putin-2021-12": "Only the month of that call is known: its date is approximate.",
        "putin-macron-since-invasion-1": "Nothing but a count places that call: its date is approximate.",
        "putin-macron-since-invasion-2": "Nothing but a count places that call: its date is approximate.",
    },
)
def _stated_call(data_dir):
    calls = helpers.load_calls(data_dir)
    stated = calls.loc[calls["date_basis"] == "stated", "call_id"]
    return single(stated)


@exercise(
    "2.9",
    "Which accounts does the data link to the 1 February Blinken–Lavrov call (the rows of readouts with "
    "its call_id, the video included)? Give their readout_ids.",
    "set",
    NOTEBOOK,
    hints=(
        "Keep the rows of the readouts table whose call_id is the 1 February Blinken–Lavrov call.",
        "An account counts even if only one article refers to it, or its giver is not named: look "
        "at every row for that call.",
        'On the Data track: readouts.loc[readouts["call_id"] == "blinken-lavrov-2022-02-01", "readout_id"].',
    ),
    needs_code=False,
    domain="readout",
)
def _feb1_readouts(data_dir):
    readouts = helpers.load_table("readouts", data_dir)
    return set(readouts.loc[readouts["call_id"] == FEB1_CALL, "readout_id"])


# Judgement items: whose account does a sentence come from? Asked before the readouts table,
# which would give the answers away; the explanation (the claim's note) follows each answer.
judge("2.5", "account", claim="ar-putin-macron-11")
judge("2.6", "account", claim="ar-putin-macron-16")
judge("2.7", "account", claim="ar-putin-macron-24")
judge("2.8", "account", claim="ar-blinken-lavrov-12")
