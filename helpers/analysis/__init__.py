"""Layer 2 — analysis: a Corpus in, tidy frames out.

``comparison`` (coverage, omissions, wordings, attribution, timeline),
``framing`` (loaded terms, reporting verbs, quotations), ``mentions`` (people
across scripts). Nothing here draws, displays or reads a file.
"""
