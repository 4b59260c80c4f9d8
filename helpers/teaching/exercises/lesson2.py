"""Exercises of lesson 2, The calls: which calls the articles mention, how, when, and who gave an account."""

from __future__ import annotations

import helpers

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
)
def _calls(data_dir):
    return len(helpers.load_calls(data_dir))


@exercise(
    "2.2",
    "For how many of the calls does an article say who placed the call?",
    "number",
    NOTEBOOK,
    hints=(
        "The initiator column holds the person who placed a call, where an article says.",
        "An empty initiator cell means no article says; initiator_note tells you so.",
        'calls["initiator"].notna().sum() counts the filled cells.',
    ),
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
        'calls.loc[calls["main_in"].isna(), "call_id"] lists them.',
    ),
)
def _passing_only(data_dir):
    calls = helpers.load_calls(data_dir)
    return set(calls.loc[calls["main_in"].isna(), "call_id"])


@exercise(
    "2.4",
    "Which call's date is stated in an article, rather than inferred, approximate or unknown? "
    "Give its call_id.",
    "choice",
    NOTEBOOK,
    hints=(
        "The date_basis column says how each call's date is known.",
        'Keep the row whose date_basis is "stated".',
        "In the figure, it is the only filled circle.",
    ),
    wrong={
        "biden-putin-2022-02-12": "That call's date is inferred: the article dates only the "
        "announcement of another call, and the day comes from outside it.",
        "blinken-lavrov-2022-02-12": "That call's date is inferred from the day the Russian foreign "
        "ministry announced it; the article does not date the call itself.",
        "putin-macron-2022-03-03": "That call's date is inferred, by counting the days of the offensive.",
        "biden-putin-2021-12": "Only the month of that call is known: its date is approximate.",
    },
)
def _stated_call(data_dir):
    calls = helpers.load_calls(data_dir)
    stated = calls.loc[calls["date_basis"] == "stated", "call_id"]
    return single(stated)


@exercise(
    "2.5",
    "The articles refer to official accounts of the 1 February call. Which ones? Give their readout_ids.",
    "set",
    NOTEBOOK,
    hints=(
        "Keep the rows of the readouts table whose call_id is the 1 February Blinken–Lavrov call.",
        "An account counts even if only one article refers to it: look at every row for that call.",
        'readouts.loc[readouts["call_id"] == ..., "readout_id"] lists them.',
    ),
)
def _feb1_readouts(data_dir):
    readouts = helpers.load_table("readouts", data_dir)
    return set(readouts.loc[readouts["call_id"] == FEB1_CALL, "readout_id"])
