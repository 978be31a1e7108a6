"""One widget class per kind of screen."""
