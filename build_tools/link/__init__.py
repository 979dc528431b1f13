"""Link stage: names as printed -> canonical ids (regions, themes)."""
