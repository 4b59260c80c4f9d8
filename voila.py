"""Voilà's settings for the explorer as an app (`make app`; read from the folder Voilà starts in).

Voilà runs the notebook and shows only its outputs: no code, no tracebacks.
"""

c = get_config()  # noqa: F821 - Voilà (traitlets) provides get_config when it loads this file

# Show the outputs only, never the code or a traceback (Voilà's defaults, stated on purpose).
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False

# Closing a page shuts its kernel down. The page asks for it with a beacon carrying the
# `_xsrf` cookie, but standalone Voilà 0.5 never sets that cookie, so the request was
# refused (403 "'_xsrf' argument missing") and every closed page left a kernel running.
# The only other request that changes anything is the kernel's own websocket, which
# is not covered by the check anyway.
c.Voila.tornado_settings = {"disable_check_xsrf": True}

# A page that vanishes without saying goodbye (a crashed browser, a lost network) leaves
# its kernel behind: shut down kernels that have had no page connected for 10 minutes.
# A kernel with a page still open is never culled, however long the reader pauses.
c.MappingKernelManager.cull_idle_timeout = 600
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = False
