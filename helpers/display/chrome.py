"""What the loader takes out of each article's file to leave its body: a table, a figure, a description.

Re-exported by :mod:`helpers.display.figures`, where the lessons find it.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..data.loading import load_articles, load_table
from ..data.text import count_words
from .described import OKABE_ITO, Description

_BODY = "running text"


def chrome_table(
    articles: pd.DataFrame | None = None, boilerplate: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Words of each article's file: its running text (``body``) and each kind of chrome around it.

    One row per article, in the order of ``articles``; one column for the
    running text, then one per kind of boilerplate that occurs (navigation,
    byline, caption …), in the order data/README.md lists the kinds. Words are
    counted with :func:`helpers.data.text.count_words`, as for ``n_words``.

    >>> table = chrome_table()
    >>> int(table.loc["cnn-blinken-lavrov", "running text"]) == int(
    ...     load_articles().set_index("article_id").loc["cnn-blinken-lavrov", "n_words"])
    True
    >>> int(table.loc["ar-blinken-lavrov"].drop("running text").sum())
    0
    """
    articles = load_articles() if articles is None else articles
    boilerplate = load_table("boilerplate") if boilerplate is None else boilerplate
    table = pd.DataFrame(index=pd.Index(articles["article_id"].astype(str), name="article_id"))
    table[_BODY] = [count_words(str(body)) for body in articles["body"]]
    words = boilerplate.assign(
        words=boilerplate["excerpt"].astype(str).map(count_words),
        article_id=boilerplate["article_id"].astype(str),
        kind=boilerplate["kind"].astype(str),
    )
    # Keep the kinds in the schema's order (the category order), so every figure lists them alike.
    if isinstance(boilerplate["kind"].dtype, pd.CategoricalDtype):
        kinds = [str(kind) for kind in boilerplate["kind"].cat.categories]
    else:
        kinds = sorted(set(words["kind"]))
    sums = words.groupby(["article_id", "kind"])["words"].sum()
    for kind in kinds:
        if kind in set(words["kind"]):
            table[kind] = [int(sums.get((article, kind), 0)) for article in table.index]
    return table.astype("int64")


def chrome_figure(table: pd.DataFrame | None = None) -> Figure:
    """What the loader takes out of each article's file to leave its ``body``: one bar per article.

    Each bar adds up the words of the lines of ``boilerplate.csv`` (page chrome,
    headline, byline, dateline, caption …), one segment per kind; the running
    text that remains is given beside the article's id, since at full scale it
    would dwarf the chrome. Each kind has its own colour and its own hatching, so
    the split reads in greyscale too.

    >>> chrome_figure().axes[0].get_xlabel()
    'words removed from the file to leave the body'
    """
    table = chrome_table() if table is None else table
    colours = list(OKABE_ITO.values())
    hatches = ["//", "..", "xx", "\\\\", "--", "oo", "++", "**", "||", "OO"]
    kinds = [k for k in table.columns if k != _BODY]
    figure, axes = plt.subplots(figsize=(9, 0.6 * len(table) + 1.8), layout="constrained")
    names = [f"{article}\n({int(words)} words of running text)" for article, words in table[_BODY].items()]
    left = pd.Series(0, index=table.index)
    for position, kind in enumerate(kinds):
        axes.barh(
            names,
            table[kind],
            left=left.to_numpy(),
            color=colours[position % len(colours)],
            hatch=hatches[position % len(hatches)],
            edgecolor="white",
            label=str(kind),
        )
        left = left + table[kind]
    axes.invert_yaxis()
    axes.tick_params(axis="y", labelsize=8)
    axes.set_xlabel("words removed from the file to leave the body")
    axes.set_title("Page chrome, headline, byline, dateline and caption in each article's file")
    axes.legend(fontsize=8, loc="lower right", title="kind (boilerplate.csv)", title_fontsize=8)
    return figure


def describe_chrome(table: pd.DataFrame | None = None) -> Description:
    """A text description of :func:`chrome_figure`.

    >>> describe_chrome().startswith("ar-blinken-lavrov: ")
    True
    """
    table = chrome_table() if table is None else table
    parts = []
    for article, row in table.iterrows():
        chrome = row.drop(_BODY)
        kinds = ", ".join(f"{int(n)} {kind}" for kind, n in chrome.items() if n)
        marked = (
            f", and {int(chrome.sum())} more words, marked in boilerplate.csv and left out of the body "
            f"({kinds})."
            if chrome.sum()
            else ", and nothing marked in boilerplate.csv."
        )
        parts.append(f"{article}: {int(row[_BODY])} words of running text{marked}")
    return Description(parts)
