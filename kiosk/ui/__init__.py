"""The kiosk's interface (PySide6): the main window, one widget class per kind of screen, the
theme. Screens show the content and the session and report taps to the session; they hold no
visitor logic."""
