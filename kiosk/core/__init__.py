"""The visitor's logic: session, navigation, the self-check engine. No Qt here."""
