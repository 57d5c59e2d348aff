"""The answer library: reviewed answers that make the next deal's answer certain.

``model`` (pydantic), ``loader`` (find, read, validate), ``lookup`` (the same
text or a near phrasing, before matching), ``store`` (atomic, comment-keeping
edits), ``learn`` (import a reviewed compliance matrix) and ``review`` (the
interactive walk through unknowns).
"""
