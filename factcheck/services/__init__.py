"""Use cases: one transaction each; the rules of the desk live here."""
