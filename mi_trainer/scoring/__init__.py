"""Session -> MITI scores, estimated globals, per-turn feedback and reports."""
