"""Input helpers that live as long as the window: the router and, behind it, the staff
corner, the tap guard, idle presence, the lockdown and keyboard access."""
