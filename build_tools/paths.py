"""Where things live in the repository."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = DATA / "sources"
PLANS = DATA / "plans"
CORRECTIONS = DATA / "corrections"
TAXONOMY = DATA / "taxonomy"
CONTENT = ROOT / "content"
TRANSLATIONS = DATA / "translations"
PROVENANCE = DATA / "provenance.yml"
