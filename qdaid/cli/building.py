"""What `qdaid build` does between its options and the file it writes: the inputs named on the
command line (files, folders, addresses), what a rebuild keeps of the database it replaces (what
it was told of an article and nothing says now), the corpus built from them, the article texts
kept beside the database, and the write (a new file, or an append in place).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import fileio, store
from ..model import SCHEMA, DataError, UsageError
from .app import say
from .options import size_limit

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def inputs(named: list[str]) -> list[Path | str]:
    """Each name as an input: a web address as it is, a folder as its articles (.txt, .html;
    sorted by name, so a build is the same wherever it runs), a file as its path."""
    from ..pipeline.webpage import is_url

    found: list[Path | str] = []
    for name in named:
        if not name.strip():  # "" is the current folder to Path: an unset shell variable would build it
            raise UsageError("an article name is empty", param="sources")
        if is_url(name):
            found.append(name)
            continue
        path = Path(name)
        if path.is_dir():
            # ._a.txt (macOS's resource forks) and other hidden files are no articles
            entries = [p for p in path.iterdir() if not p.name.startswith(".")]
            named_like = sorted((p for p in entries if p.suffix.lower() in ARTICLE_SUFFIXES), key=lambda p: p.name)
            articles = _without_kept_texts([p for p in named_like if p.is_file()])
            # A pipe or device named like an article would block or never end a build: left out, and said.
            for other in (p for p in named_like if not p.is_file() and not p.is_dir()):
                say(f"warning: {other}: not a regular file, left out")
            if folders := sorted(p.name for p in entries if p.is_dir()):
                say(f"note: {path}: the folders in it are not read ({', '.join(folders[:3])}"
                    f"{' …' if len(folders) > 3 else ''}): name them to build them too")
            if not articles:
                raise UsageError(f"{path}: holds no article (.txt or .html)")
            found += articles
        else:
            found.append(_named_in_text(path))
    return found


def _without_kept_texts(articles: list[Path]) -> list[Path]:
    """The folder's articles but NAME.txt beside NAME.html: the text a build kept of the page (so a
    folder holding its own database builds again), said in a note."""
    pages = {p.stem for p in articles if p.suffix.lower() != ".txt"}
    kept = [p for p in articles if p.suffix.lower() == ".txt" and p.stem in pages]
    for text in kept:
        say(f"note: {text}: left out, as the text of the web page beside it")
    return [p for p in articles if p not in kept]


def _named_in_text(path: Path) -> Path:
    """The article, its file name checked: the database names an article by its file name, which
    must be text."""
    if not path.name.isprintable() or path.name != path.name.encode("utf-8", "ignore").decode("utf-8"):
        raise DataError(f"{path}: its file name is not UTF-8 text (or holds control characters), and the "
                         "database names each article by its file name: rename the file")
    return path


def run(items: list[Path | str], target: Path, in_place: Path | None, base: Path | None, given: dict,
        warn: Callable[[str], None], outputs: fileio.Outputs, *,
        before_writing: Callable[[dict[str, set[str]]], None]) -> dict[str, int]:
    """Build (or append) and write; returns how many records of each table were written (an
    append: added). before_writing: called with the sources the file will hold (id → sha256, and
    that of the file's bytes when they have CRLF or a BOM: a database built before qdaid read
    them so holds it), once they are known and before anything is written."""
    from .. import appending
    from ..pipeline.corpus import Corpus
    from ..pipeline.gazetteer import Gazetteer
    from ..pipeline.records import ORDER, add_articles

    limit = size_limit(fileio.MAX_ARTICLE_BYTES)
    if in_place is not None:
        with appending.held(in_place, size_limit(fileio.MAX_DATABASE_BYTES)) as held:
            _not_held_as_read_before(items, held.tables.get("sources", []), limit)
            corpus = Corpus(held.tables, Gazetteer.load(), held.figures)
            pages = add_articles(corpus, items, limit, given, warn)
            before_writing({s["id"]: {s["sha256"]} for s in corpus.whole()["sources"]})
            _keep_and_write(corpus, items, pages, target, outputs, lambda: appending.append(
                target, held, corpus.added, {t: list(r.values()) for t, r in corpus.changed.items()}, corpus.whole()))
        return {t: len(corpus.added[t]) for t in ORDER if t in corpus.added}
    onto = store.load(base, limit=size_limit(fileio.MAX_DATABASE_BYTES)) if base else {}
    corpus = Corpus(onto, Gazetteer.load())
    # a rebuild keeps what the database it replaces was told of an article and nothing says now
    before = {} if base else _held_sources(target, size_limit(fileio.MAX_DATABASE_BYTES))
    former = {now: then for _, now, then in _read_before(items, limit)}
    givens = [_told_before(item, before, former, given, limit, corpus.gazetteer) for item in items]
    for item, told in zip(items, givens, strict=True):
        if kept := {k: v for k, v in told.items() if k not in given}:
            warn(f"note: {item}: {', '.join(f'{k} {v!r}' for k, v in kept.items())} kept from {target.name}, "
                 "which holds this text (no option or sidecar gives them now; give them to change them)")
    if all(told is given for told in givens):
        pages = add_articles(corpus, items, limit, given, warn)
    else:  # (an article at a time: each is told its own)
        pages = [page for item, told in zip(items, givens, strict=True)
                 for page in add_articles(corpus, [item], limit, told, warn)]
    before_writing({s["id"]: {s["sha256"], former.get(s["sha256"], s["sha256"])} for s in corpus.whole()["sources"]})
    _keep_and_write(corpus, items, pages, target, outputs,  # (after the copies: their names are in the records)
                    lambda: store.write_tables(target, _ordered(corpus.whole())))
    whole = corpus.whole()
    return {t: len(whole.get(t, ())) for t in ORDER}


# What a source record says that a build may have been told (options, sidecar), not read from the text.
_TOLD = ("id", "title", "date", "publisher", "url", "reporter", "editors")


def _held_sources(target: Path, limit: int) -> dict[str, dict]:
    """The sources of the database a build would replace, by sha256; none when there is none or
    it is no database qdaid reads (the build then refuses it, or --force replaces it)."""
    held = store.held_sources(target, limit) if target.is_file() else None
    return {s["sha256"]: s for s in (held[0] if held else []) if isinstance(s.get("sha256"), str)}


def _told_before(item: Path | str, held: dict[str, dict], former: dict[str, str], given: dict, limit: int,
                 gazetteer) -> dict:
    """What a build is told of this article: given (the options), and, when the database it
    replaces holds the same text (its sha256), what that one says of it that no option, sidecar or
    page says now and the text does not give (an append's --date, --title, --url, --id): a user
    never loses what they gave. A web address is not looked up (it would be fetched twice)."""
    import hashlib
    import json

    from ..pipeline.article import Article
    from ..pipeline.lexicon import Lexicon
    from ..pipeline.records import read_input, sidecar_of, source_record

    if not held or not isinstance(item, Path):
        return given
    text, meta, name = read_input(item, limit, given)
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    stored = held.get(sha256) or held.get(former.get(sha256, sha256))
    if stored is None:
        return given
    sidecar = sidecar_of(item)  # (read_input checked it: a JSON object of known fields)
    named = {*given, *(json.loads(sidecar.read_bytes()) if sidecar.is_file() else ())}
    said = {k for k in meta if k != "id"} | ({"id"} & named)  # (an id not named is the file's name)
    from_text = source_record(Article(text, meta, gazetteer, Lexicon.load()), name)
    kept = {k: stored[k] for k in _TOLD if k not in said and stored.get(k) not in (None, "", [])
            and stored[k] != from_text.get(k) and not _read_from(text, k, stored[k])}
    return {**kept, **given} if kept else given


def _read_before(items: list[Path | str], limit: int) -> list[tuple[Path, str, str]]:
    """(file, sha256 of its text as read, sha256 of its bytes) of the text files whose line ends or
    BOM reading changes: a database built before qdaid read them so names them by their bytes."""
    import hashlib

    from ..pipeline.text import normalised
    from ..pipeline.webpage import HTML_SUFFIXES

    found = []
    for item in items:
        if not isinstance(item, Path) or item.suffix.lower() in HTML_SUFFIXES or not item.is_file() or \
                item.stat().st_size > limit:
            continue  # (what is no text file, or too large, the build says so)
        data = item.read_bytes()
        try:
            text = normalised(data.decode("utf-8")).encode("utf-8")
        except UnicodeDecodeError:
            continue
        if text != data:
            found.append((item, hashlib.sha256(text).hexdigest(), hashlib.sha256(data).hexdigest()))
    return found


def _not_held_as_read_before(items: list[Path | str], sources: list[dict], limit: int) -> None:
    """An append of a text the store holds as read before qdaid took CRLF and a BOM away is
    refused, as any text it holds."""
    held = {s["sha256"]: s for s in sources}
    for item, _, then in _read_before(items, limit):
        if (same := held.get(then)) is not None:
            raise DataError(f"{item}: the same text as the source {same['id']!r} ({same['path']}): an article is "
                            "built once")


def _read_from(text: str, field: str, value) -> bool:
    """Whether a title, publisher, reporter or editors may have been read from the text (they are
    cut from it): then a build that reads them otherwise now (its rules changed) is not told the
    old ones."""
    if field not in ("title", "publisher", "reporter", "editors"):
        return False
    return all(isinstance(v, str) and v in text for v in (value if isinstance(value, list) else [value]))


def _ordered(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    from ..pipeline.records import ORDER

    return {t: [{f: rec.get(f) for f in SCHEMA[t]} for rec in tables.get(t, [])] for t in ORDER}


def _keep_and_write(corpus, items: list[Path | str], pages: list[tuple[dict, bytes]], target: Path,
                    outputs: fileio.Outputs, write: Callable[[], None]) -> None:
    """The articles' copies, then the database that names them; a copy this build made is removed
    again when the write fails or is interrupted (the database is then as it was: so are its
    neighbours)."""
    made: list[Path] = []
    try:
        _keep(corpus, items, pages, target, outputs, made)
        write()
    except BaseException:
        for path in made:
            path.unlink(missing_ok=True)
        raise


def _keep(corpus, items: list[Path | str], pages: list[tuple[dict, bytes]], target: Path,
          outputs: fileio.Outputs, made: list[Path]) -> None:
    from ..pipeline.text import normalised

    if not corpus.added["figures"]:
        say(f"warning: no figures were found in {', '.join(map(str, items))}")
    folder, new = target.parent, corpus.added["sources"]
    taken = {target.name, *(str(s["path"]) for s in corpus.tables.get("sources", []))}
    kept = {id(source): data for source, data in pages}
    bundled = {p.resolve() for p in store.bundled_sources()}
    for item, source in zip(items, new, strict=True):
        if id(source) in kept:  # a web page: the text read from it, always kept (nowhere else has it)
            _keep_one(source, kept[id(source)], folder, taken, outputs, made, page=True)
        else:  # a database keeps its articles beside it, so its evidence stays checkable (validate, cite)
            path = Path(item)
            data = path.read_bytes()
            kept_text = normalised(data.decode("utf-8")).encode("utf-8")  # what its sha256 and offsets are of
            if path.resolve() == (folder / path.name).resolve() and path.name not in taken and data == kept_text:
                taken.add(path.name)  # already beside it
                continue
            if path.resolve() in bundled:
                continue  # every command finds the bundled article where qdaid is installed
            # (a text with CRLF or a BOM beside the database is not replaced: its text goes under another name)
            _keep_one(source, kept_text, folder, taken, outputs, made, page=False)


def _keep_one(source: dict, data: bytes, folder: Path, taken: set[str], outputs: fileio.Outputs, made: list[Path],
              page: bool) -> None:
    """Copy an article beside the database, under its own name unless the database, another of
    its sources or a file holding other bytes has that name (then with its source id); each copy
    is an output, checked as one, and written before the database that names it. A page's text
    gets a sidecar with what the page said of it, unless a file of that name is there."""
    import json

    source["path"] = fileio.free_name(folder, source["path"], data, taken, source["id"])
    taken.add(source["path"])
    copy = folder / source["path"]
    if not copy.exists():  # (a file of these very bytes is kept as it is, and never removed)
        made.append(copy)
    fileio.write_bytes(outputs.claim(copy), data)
    sidecar = folder / (source["path"].rsplit(".", 1)[0] + ".meta.json")
    if page and not sidecar.exists():
        meta = {k: source[k] for k in ("id", "title", "date", "publisher", "url", "reporter") if source.get(k)}
        made.append(sidecar)
        fileio.write_bytes(outputs.claim(sidecar), json.dumps(meta, ensure_ascii=False, indent=1).encode() + b"\n")
