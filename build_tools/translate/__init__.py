"""Translate stage: the text of every plan as gettext PO catalogs, one per plan and language
(data/translations/<lang>/<plan-id>.po), keyed by the Chinese text of each translation unit.

A unit is a heading, a paragraph, a run-in title or the body after it, a target's clause, or the plan's
title: the spans a page shows on their own. Identical Chinese in different plans shares one translation
through the translation memory (local plans repeat national template language).

Status of an entry, in its translator comment ``status: machine | human | reviewed``; an entry whose
Chinese changed becomes fuzzy (gettext's own mark) and is shown as out of date, never as current.
"""
