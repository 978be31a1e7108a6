"""`python -m kiosk` is the `kiosk` command."""

import sys

if sys.argv[1:2] == ["_draw-check"]:  # the child that draws pictures for the checks: no CLI
    from kiosk.ui.drawcheck import child_main

    sys.exit(child_main())

from kiosk.cli import main

sys.exit(main())
