"""The app in a browser: `mi-trainer serve` (``server.py``), textual-serve behind a sign-in."""
