"""Session -> MITI scores, estimated globals, per-turn feedback and reports.

from mi_trainer.scoring import score_transcript, SessionScore
score = score_transcript(transcript)
"""

from mi_trainer.scoring.model import SessionScore
from mi_trainer.scoring.score import score_transcript

__all__ = ["SessionScore", "score_transcript"]
