"""The size of a built site, and a check against a host's limit.

GitHub Pages refuses a published site over 1 GB; the Pages workflow (.github/workflows/pages.yml) runs

    python -m build_tools.site.size site --limit-mb 900

after `make site` and fails, before uploading, when site/ is over 900 MB: a margin of 100 MB under the
limit, so that the workflow fails while the published site still works. Sizes are the bytes of the
regular files (what the Pages artifact's tar holds, without its 512-byte headers), in decimal megabytes
(1 MB = 1,000,000 bytes), so the figure is a little under what the tar weighs.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

MEGABYTE = 1_000_000
# GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB"; fail 100 MB before it.
PAGES_LIMIT_MB = 900


@dataclass(frozen=True)
class SiteSize:
    files: int
    bytes: int

    @property
    def megabytes(self) -> float:
        return self.bytes / MEGABYTE


def measure_site(site: Path) -> SiteSize:
    """Count the regular files under ``site`` and add up their sizes (symbolic links are followed, as
    the Pages artifact's tar --dereference does)."""
    files = total = 0
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder) / name
            if path.is_file():
                files += 1
                total += path.stat().st_size
    return SiteSize(files=files, bytes=total)


def check_size(site: Path, limit_mb: float = PAGES_LIMIT_MB) -> tuple[bool, str]:
    """(within the limit, a one-line report naming the folder, the figures and, over it, what to do)."""
    if not site.is_dir():
        return False, f"{site}: no such directory; build the site first (make site)"
    size = measure_site(site)
    figures = f"{site}: {size.files:,} files, {size.megabytes:,.1f} MB"
    if size.bytes > limit_mb * MEGABYTE:
        return False, (f"{figures}, over the limit of {limit_mb:,g} MB (GitHub Pages publishes at most 1 GB). "
                       "Publish site/ on a static host without that limit or an object store behind a CDN "
                       "(README: Publish on GitHub Pages), or make the site smaller")
    return True, f"{figures}, within the limit of {limit_mb:,g} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.site.size", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site folder (site/)")
    parser.add_argument("--limit-mb", type=float, default=PAGES_LIMIT_MB,
                        help=f"fail above this many megabytes of 1,000,000 bytes (default {PAGES_LIMIT_MB})")
    args = parser.parse_args(argv)
    within, report = check_size(args.site, args.limit_mb)
    print(report if within else f"error: {report}", file=sys.stdout if within else sys.stderr)
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
