"""Layer 1 — data: read, decode and check the files in ``data/`` into one :class:`Corpus`.

Nothing above this layer reads the disk. Modules, in the order data flows:
``paths`` (where the data folder is), ``columns`` (what a column and a table
are), ``schema`` (the tables and their rules), ``text`` (normalising, search
keys, sentences), ``decoding`` (bytes to text, or why not), ``reading`` (a table
into Arrow-backed strings: fast when well formed, strict when not), ``scans``
(what the fast reader looks for in bytes and columns), ``vector``
(whole-column tests in Arrow, exact to Python's), ``rules`` (cells, keys,
references), ``texts`` (the article files),
``anchoring`` (where every excerpt, translated sentence and line of chrome
stands), ``links`` (rules across tables), ``chores`` (work two threads share),
``validation`` (all of them, in two threads, ``file:row:column — fix``), ``checking`` (a student's table against a corpus in
memory), ``corpus`` (the :class:`Corpus`), ``loading`` (``load_corpus`` and the
``load_*`` functions), ``registry`` (``new-article``, ``remove-article``),
``files`` (the one atomic write; spreadsheet-safe CSV for people).
"""

from .._lazy import submodules

__getattr__ = submodules(__name__)
