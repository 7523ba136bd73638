"""mi-trainer: rehearse motivational interviewing with simulated family members.

The flow, one package per step:
utterance -> ``coding`` (MITI codes) -> ``simulation`` (client reaction)
-> ``scoring`` (scores, feedback) -> ``storage`` (kept session).
``scenarios`` holds the YAML format the simulation interprets; ``tui`` and
``cli`` are thin shells over the domain packages.
"""

__version__ = "0.1.0"
