"""Layer 2 — analysis: a Corpus in, tidy frames out.

``comparison`` (coverage, omissions, wordings, attribution), ``calls`` (the calls each article
mentions, the timeline), ``tracing`` (a claim back to the readout points it reports),
``framing`` (loaded terms, reporting verbs, quotations), ``mentions`` (people
across scripts). Nothing here draws, displays or reads a file.
"""

from .._lazy import submodules

__getattr__ = submodules(__name__)
