"""Textual shell: screens over the domain packages (the only package importing Textual)."""
