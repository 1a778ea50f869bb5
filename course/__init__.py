"""The learner's commands for the exercises: copy a lesson, check it, see the course's progress.

``python -m course exercise 03`` (``make exercise LESSON=03``), ``python -m course check 03``
(``make check LESSON=03``) and ``python -m course progress`` (``make progress``).
"""
