"""Layer 2 — analysis: a Corpus in, tidy frames out.

``comparison`` (coverage, omissions, wordings, attribution, timeline), ``tracing`` (a claim back to
the readout points it reports),
``framing`` (loaded terms, reporting verbs, quotations), ``mentions`` (people
across scripts). Nothing here draws, displays or reads a file.
"""


def __getattr__(name: str):
    # ``helpers.<layer>.<module>`` works without importing the module first.
    import importlib

    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
