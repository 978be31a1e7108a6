"""The receptionist's screens: the PIN pad, the staff panel with its figures and charts,
the 'back in a moment' page, and the flow that joins them to the window."""
