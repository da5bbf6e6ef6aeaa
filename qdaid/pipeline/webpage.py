"""Web pages as sources: a saved page (.html) or a page fetched by its address, read down to the
article's main text and its title, date, publisher and address.

Reading a page is trafilatura's work (`pip install 'qdaid[html]'`): it drops navigation, ads,
sidebars and comments, and reads the metadata a page carries (<title>, og: and other meta tags,
the date in the page). Fetching is urllib's, with a timeout, a size limit, and only HTML
accepted; every failure is one line for a person.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from ..model import DataError, UsageError, web_url
from .text import normalised

HTML_SUFFIXES = (".html", ".htm")
TIMEOUT = 20.0  # seconds, for the connection and for each read
WHOLE_TIMEOUT = 60.0  # seconds for the whole page: a server trickling a byte at a time is no page
MAX_PAGE_BYTES = 8 * 2**20
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ID_PART = re.compile(r"[^A-Za-z0-9_.-]+")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
# <meta name="author" content="李明">: trafilatura's author is None for a Chinese name written so
_AUTHOR = re.compile(rb"""<meta\s+(?:name|property)=["'](?:author|article:author)["']\s+content=["']([^"'<>]{1,40})["']""", re.I)


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float | None = None, limit: int | None = None) -> bytes:
    """The page at url (http or https), or a one-line DataError: unreachable, too slow, not found,
    not HTML, over the size limit (default: TIMEOUT and MAX_PAGE_BYTES)."""
    timeout = TIMEOUT if timeout is None else timeout
    limit = MAX_PAGE_BYTES if limit is None else limit
    try:
        valid = web_url(url) and urlsplit(url).hostname  # [::1 (an unclosed address) raises
    except ValueError:
        valid = None
    if not valid:
        raise UsageError(f"{url!r} is not a web address (http:// or https://, no spaces)")
    request = urllib.request.Request(url, headers={"User-Agent": "qdaid (+https://pypi.org/project/qdaid/)",
                                                   "Accept": "text/html,application/xhtml+xml"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only, checked)
            kind = response.headers.get_content_type()  # text/plain when the server says none
            if kind not in _HTML_TYPES:
                said = f"is {kind}" if response.headers.get("Content-Type") else "says no content type"
                raise DataError(f"{url}: {said}, not a web page (HTML); save the article's text as .txt")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise DataError(f"{url}: the page is {int(length):,} bytes, over the limit of {limit:,}")
            data = _read_by(response, limit, time.monotonic() + WHOLE_TIMEOUT)
    except urllib.error.HTTPError as exc:
        raise DataError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        said = "timed out" if isinstance(reason, TimeoutError) or "timed out" in str(reason) else str(reason)
        raise DataError(f"{url}: cannot fetch the page: {said}") from None
    except TimeoutError as exc:
        raise DataError(f"{url}: cannot fetch the page: {exc or f'timed out after {timeout:g} s'}") from None
    except OSError as exc:
        raise DataError(f"{url}: cannot fetch the page: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise DataError(f"{url}: the page is over the limit of {limit:,} bytes")
    return data


def _read_by(response, limit: int, deadline: float) -> bytes:
    """At most limit + 1 bytes of the response, all before the deadline (the socket's timeout
    bounds one wait only)."""
    chunks, size = [], 0
    while size <= limit and (chunk := response.read1(min(65536, limit + 1 - size))):
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError(f"the page took over {WHOLE_TIMEOUT:g} s")
    return b"".join(chunks)


def _author(page: bytes) -> str | None:
    found = _AUTHOR.search(page[:65536])
    if found is None:
        return None
    try:
        return found.group(1).decode("utf-8").strip() or None
    except UnicodeDecodeError:  # a page in another encoding: its author is not worth a guess
        return None


def source_id(url: str) -> str:
    """A source id from the address: its last path segment without suffix (.../a123.html → a123),
    else its host."""
    parts = urlsplit(url)
    segment = next((s for s in reversed(parts.path.split("/")) if s), "")
    stem = segment.rsplit(".", 1)[0] if "." in segment else segment
    name = _ID_PART.sub("-", stem or parts.hostname or "page").strip("-._")[:64]
    return name or "page"


def read(data: bytes, where: str, url: str | None = None) -> tuple[str, dict]:
    """The article's text (its title the first line, as a .txt source has it) and what the page
    says of it: title, date, publisher, url, reporter (its author)."""
    try:
        import trafilatura
    except ImportError:
        raise UsageError(f"{where}: reading a web page needs trafilatura: pip install 'qdaid[html]'") from None
    document = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                           include_tables=True, favor_precision=True)
    found = {} if document is None else document if isinstance(document, dict) else document.as_dict()
    text = normalised(str(found.get("text") or "")).strip()
    title = str(found.get("title") or "").strip() or None
    body = text[len(title):] if title and text.startswith(title) else text
    if not _SENTENCE_END.search(body):  # a list of links or a menu (首页 新闻 财经) is no article
        raise DataError(f"{where}: no article text found in the page (no sentence, only links or headings)")
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    meta = {"title": title, "date": found.get("date"), "publisher": found.get("sitename"),
            "url": found.get("url") or url, "reporter": found.get("author") or _author(data)}
    return text + "\n", {key: value for key, value in meta.items() if isinstance(value, str) and value}
