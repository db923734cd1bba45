"""Great Expectations Data Docs that work offline and keep every run's validation pages.

GX renders its pages with Bootstrap, bootstrap-table, jQuery and Font Awesome from CDNs.
The same files (the versions GX's templates name, see `datadocs_vendor/README.md`) ship
with this package; after each build they are copied beside the pages and every CDN
reference is pointed at the local copy, so the pages keep their styles, icons and
"Failed Only" filter without a network. Validation results are kept in a file store
next to the docs, so GX's own index lists every run and no earlier page is cleaned away.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from pathlib import Path

log = logging.getLogger(__name__)

SITE = "eventline"
VENDOR_DIR = Path(__file__).with_name("datadocs_vendor")
RESULTS_STORE = "eventline_validation_results"

# CDN address (as GX's templates write it) -> local file under static/vendor/, or None to drop the tag.
_CDN_FILES: tuple[tuple[re.Pattern, str | None], ...] = tuple((re.compile(p, re.I), f) for p, f in (
    (r"bootstrap-table@[\d.]+/dist/bootstrap-table\.min\.css", "bootstrap-table/bootstrap-table.min.css"),
    (r"bootstrap-table@[\d.]+/dist/bootstrap-table\.min\.js", "bootstrap-table/bootstrap-table.min.js"),
    (r"bootstrap-table@[\d.]+/dist/extensions/filter-control/bootstrap-table-filter-control(?:\.min)?\.css",
     "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.css"),
    (r"bootstrap-table@[\d.]+/dist/extensions/filter-control/bootstrap-table-filter-control(?:\.min)?\.js",
     "bootstrap-table/extensions/filter-control/bootstrap-table-filter-control.min.js"),
    (r"bootstrap/4\.3\.1/css/bootstrap\.min\.css", "bootstrap/css/bootstrap.min.css"),
    (r"bootstrap/4\.3\.1/js/bootstrap\.min\.js", "bootstrap/js/bootstrap.min.js"),
    (r"bootstrap-datepicker/[\d.]+/css/bootstrap-datepicker\.min\.css",
     "bootstrap-datepicker/css/bootstrap-datepicker.min.css"),
    (r"bootstrap-datepicker/[\d.]+/js/bootstrap-datepicker\.min\.js",
     "bootstrap-datepicker/js/bootstrap-datepicker.min.js"),
    (r"font-awesome/[\d.]+/css/all\.min\.css", "fontawesome-free/css/all.min.css"),
    (r"jquery-[\d.]+\.min\.js", "jquery/jquery.min.js"),
    (r"popper\.js/[\d.]+/umd/popper\.min\.js", "popper.js/popper.min.js"),
    # Vega draws profiling charts only (no validation page has one); the dark theme is optional.
    (r"npm/vega(?:-lite|-embed)?@", None),
    (r"bootstrap-dark@", None),
))
_TAG = re.compile(r"<(script|link|img)\b([^>]*?)\b(src|href)=([\"'])((?:https?:)?//[^\"']*)\4([^>]*)>"
                  r"(?:\s*</script>)?", re.I | re.S)
_SRI = re.compile(r"\s(?:integrity|crossorigin)=(\"[^\"]*\"|'[^']*')", re.I)
_LINK = re.compile(r"<a\b[^>]*\bhref=([\"'])(?:https?:)?//[^\"']*\1[^>]*>(.*?)</a>", re.I | re.S)
_FOOTER = re.compile(r"<footer>.*?</footer>", re.I | re.S)
_STATIC = re.compile(r"(\b(?:href|src)=[\"'])((?:\.\./)*static/(?:images|styles)/[^\"'#?]+)", re.I)
_CSS_URL = re.compile(r"url\(\s*([\"']?)((?:https?:)?//[^)\"']*)\1\s*\)", re.I)
_EXTERNAL_URL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s\"')<>]*", re.I)


def configure_site(ctx, docs_dir: Path) -> None:
    """One Data Docs site in docs_dir, fed by validation results kept on disk beside it."""
    for site in list(ctx.get_site_names()):
        ctx.delete_data_docs_site(site)  # the default site writes outside the reports folder
    # Results persist across runs: GX's index then lists every run and cleans no earlier page away.
    ctx.add_store(RESULTS_STORE, {
        "class_name": "ValidationResultsStore",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                          "base_directory": str(results_dir(docs_dir).resolve())},
    })
    ctx.variables.validation_results_store_name = RESULTS_STORE
    ctx.add_data_docs_site(SITE, {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,  # a walkthrough modal over the page and links to GX's website
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir.resolve())},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })


def results_dir(docs_dir: Path) -> Path:
    """Where GX's validation results (JSON) are kept: beside the docs, not inside them."""
    return docs_dir.parent / "gx-results"


def build(ctx, docs_dir: Path, run_name: str | None = None) -> None:
    """Render Data Docs, ship the scripts and styles beside them and point every page at those copies.

    With `run_name`, only that run's pages are rendered (its validation results, and the suites),
    and only the pages written now are pointed at the local copies: the pages of earlier runs are
    kept as they are, so a run's Data Docs cost does not grow with the number of runs before it
    (the index still lists every run).
    """
    started = time.time() - 2  # pages written from now on (file times may lag the clock a little)
    try:
        ctx.build_data_docs(site_names=[SITE], resource_identifiers=_run_resources(ctx, run_name))
    except Exception as exc:  # docs are a convenience; latest.json and summary.html carry the results
        log.warning("Data Docs could not be built (%s); see data/reports/summary.html", exc)
        return
    vendor = docs_dir / "static" / "vendor"
    shutil.copytree(VENDOR_DIR, vendor, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    for page in docs_dir.rglob("*.html"):
        if run_name is None or page.stat().st_mtime >= started:  # localizing is idempotent: a margin is safe
            page.write_text(localize_page(page.read_text(encoding="utf-8"), page, vendor), encoding="utf-8")
    for sheet in (docs_dir / "static" / "styles").glob("*.css"):  # GX's own sheet names its logo on S3
        sheet.write_text(localize_css(sheet.read_text(encoding="utf-8"), sheet, vendor), encoding="utf-8")


def _run_resources(ctx, run_name: str | None) -> list | None:
    """The resources of run `run_name` to render (None: every resource, as GX does by default)."""
    if run_name is None:
        return None
    results = [key for key in ctx.validation_results_store.list_keys() if key.run_id.run_name == run_name]
    return results + list(ctx.expectations_store.list_keys())


def localize_page(content: str, page: Path, vendor: Path) -> str:
    """One page with CDN tags pointed at the local copies, no other outside address, no newsletter footer."""
    images = vendor.parent / "images"

    def local(match: re.Match) -> str:
        tag, before, attr, quote, url, after = match.groups()
        if tag.lower() == "img" and "logo" in url:  # GX ships its logo in static/images
            target = images / "logo-long.png"
        else:
            target = next((vendor / f if f else None for pattern, f in _CDN_FILES if pattern.search(url)), None)
        if target is None:
            return ""
        rel = os.path.relpath(target, page.parent).replace(os.sep, "/")
        rebuilt = f"<{tag}{before}{attr}={quote}{rel}{quote}{after}>" + ("</script>" if tag.lower() == "script" else "")
        return _SRI.sub("", rebuilt)  # integrity/crossorigin would make file:// loads fail

    def static(match: re.Match) -> str:  # GX's favicon path is one folder short on nested pages
        attr, path = match.groups()
        target = vendor.parent / path.rsplit("static/", 1)[1]
        return attr + os.path.relpath(target, page.parent).replace(os.sep, "/")

    content = _TAG.sub(local, content)
    content = _STATIC.sub(static, content)
    content = _LINK.sub(r"\2", _FOOTER.sub("", content))
    return _EXTERNAL_URL.sub("#", content)


def localize_css(content: str, sheet: Path, vendor: Path) -> str:
    """A style sheet whose outside images (GX's logo) are the local copy; any other outside address dropped."""
    logo = os.path.relpath(vendor.parent / "images" / "logo-long.png", sheet.parent).replace(os.sep, "/")

    def local(match: re.Match) -> str:
        return f"url('{logo}')" if "logo" in match.group(2) else "none"

    return _CSS_URL.sub(local, content)
