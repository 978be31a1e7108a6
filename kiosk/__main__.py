"""`python -m kiosk` is the `kiosk` command."""

import sys

if sys.argv[1:2] == ["_draw-check"]:  # the child that draws pictures for the checks: no CLI
    from kiosk.ui.drawcheck import child_main

    sys.exit(child_main())

from kiosk.launch import main

# A frozen kiosk's content worker (kiosk.content.worker, spawned) starts as this program with
# multiprocessing's own arguments: run the worker, never a second kiosk (not frozen: no-op,
# and multiprocessing is not even imported before the kiosk's first frame).
if getattr(sys, "frozen", False):
    import multiprocessing

    multiprocessing.freeze_support()
sys.exit(main())
