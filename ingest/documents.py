"""Reading documents: .txt, .md, .html, .pdf (text layer), and folders of them.

A document becomes plain text split into sentences. Scraped pages carry navigation, job
lists and footers; blocks of many short lines without sentence punctuation are dropped as
boilerplate, and HTML loses script/style/nav/header/footer/aside/form elements first.

A "sentence" longer than MAX_SENTENCE_CHARS (no full stop in 100 KB of text, a table flattened
into one line) is cut into pieces of at most that many characters at word boundaries (a single
word longer than that is cut inside it), so the work per sentence — every extraction rule runs
over each sentence — is bounded and a document's extraction time grows linearly with its length.
The longest sentence of the bundled corpus and evaluation documents is 751 characters.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ingest.pdftext import pdf_text_and_title
from kb.errors import InputError
from kb.files import SUFFIXES
from kb.ids import file_document_id
from kb.schema import AGENCY_ROLES

MAX_BYTES = 20 * 1024 * 1024
MAX_SENTENCE_CHARS = 1000
MAX_CONTROL_SHARE = 0.01  # of a text file's characters; more and it is binary data

_ABBREV = {"rs", "pvt", "ltd", "no", "nos", "dr", "mr", "mrs", "ms", "prof", "govt", "approx", "sq",
           "ft", "st", "co", "inc", "e.g", "i.e", "etc", "vs", "dept", "sh", "smt", "shri", "km",
           "est", "fig", "ch", "vol", "p", "viz"}  # fmt: skip
# a sentence ends at ". ", "! ", "? " before a capital or a digit, and at the Devanagari danda
# ("।") before anything
_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(‘]?[A-Z0-9])|(?<=[।॥])[\"”’)]*\s*")
_INITIALS = re.compile(r"(?:[a-z]\.){0,3}[a-z]")  # "l", "l.n", "a.k.s": a person's initials
# a line that gives a body its role in a project is content, however short (see kb/schema.py)
_ROLE_LINE = re.compile("|".join(r.pattern for r in AGENCY_ROLES), re.I)
# a line that a company's suffix opens: the suffix alone, or with the rest of its address
_SUFFIX_LINE = re.compile(
    r"(?:(?:Private|Pvt\.?)\s+(?:Limited|Ltd\.?)|Limited|Ltd\.?|LLP)(?:[,;)].*)?", re.I
)
_GLUED_STOP = re.compile(r"([a-z]{3,}\.)([A-Z][a-z]+\b)")
# A report cover's label written on the line of other cover text ("Report No. 12 February 2018
# Prepared by, X"): it opens a sentence of its own, as on a line of its own
_COVER_LABEL = re.compile(r"(?<=\S)\s+(?=(?:Prepared|Submitted|Implemented)\s+(?:by|to)\b)")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•●▪]|\([a-z0-9]\))\s+")


@dataclass
class LoadedDocument:
    id: str
    title: str
    path: str
    sha256: str
    sentences: list[str]
    source_url: str = ""  # where the document was published (a `SOURCE:` header line)
    date: str = ""  # when (a `DATE:` header line)


@dataclass
class Text:
    """A file read: its text and what the file itself says about it (its title, source, date)."""

    text: str
    title: str = ""
    source_url: str = ""
    date: str = ""
    lead: str = ""  # a headline taken out of the header: the first sentence, on its own


# A leading block of `KEY: value` lines ended by a blank line: how saved web pages carry their
# address, headline and date (`SOURCE:`, `TITLE:`, `DATE:`; `URL:` taken as `SOURCE:`).
_HEADER_LINE = re.compile(r"^(TITLE|SOURCE|URL|DATE):[ \t]*(\S.*)$")


class _TextExtractor(HTMLParser):
    SKIP = {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "svg",
        "button",
    }
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
             "td", "th", "blockquote", "pre", "ul", "ol", "table", "title"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title = ""
        self.h1 = ""
        self._in: str | None = None  # "title" or "h1" while inside one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip_depth += 1
        if tag in ("title", "h1") and not getattr(self, tag):
            self._in = tag
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        if tag == self._in:
            self._in = None
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
            return
        if self._in == "h1":
            self.h1 += data
        if not self.skip_depth:
            self.parts.append(data)


def _decode(raw: bytes, name: str) -> str:
    """The text of a text file, or InputError for binary data (a NUL byte, or more than
    MAX_CONTROL_SHARE of its characters control characters other than whitespace; text has
    none, random bytes about 13 %, wherever they start)."""
    if b"\x00" in raw:
        raise InputError(f"{name}: looks like a binary file, not text (it has NUL bytes)")
    text = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        text = raw.decode("latin-1")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and not c.isspace())
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(
            f"{name}: looks like a binary file, not text ({controls} control characters in "
            f"{len(text)}); upload .txt, .md or .html text, or a PDF"
        )
    return text


def _pdf_text(path: Path) -> Text:
    """The PDF's text layer and its metadata title, read in a child process within page,
    size, memory and time limits (ingest/pdftext.py)."""
    text, title = pdf_text_and_title(path)
    if len(text.strip()) < 20:
        raise InputError(f"{path.name}: the PDF has no text layer (scanned?); run OCR first")
    return Text(text, " ".join(title.split()))


def _header(text: str) -> Text:
    """`text` without its leading `KEY: value` block, the block's values kept; the headline is
    also the lead (it is content: a question may be answered by it)."""
    lines = text.lstrip("\ufeff\n\r").splitlines()
    meta: dict[str, str] = {}
    for i, line in enumerate(lines):
        m = _HEADER_LINE.match(line.strip())
        if m is None:
            if line.strip() or not meta:
                return Text(text)
            return Text("\n".join(lines[i + 1 :]), meta.get("TITLE", ""),
                        meta.get("SOURCE", meta.get("URL", "")), meta.get("DATE", ""),
                        meta.get("TITLE", ""))  # fmt: skip
        meta.setdefault(m.group(1), m.group(2).strip())
    return Text(text)


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> Text:
    """One file's text, with the title, source and date it states; InputError with the file's
    name if it cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"{path.name}: unsupported file type {suffix or '(none)'}; use {sorted(SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    if size > max_bytes:
        raise InputError(
            f"{path.name}: {size / 2**20:.1f} MB is over the {max_bytes / 2**20:.0f} MB limit"
        )
    if size == 0:
        raise InputError(f"{path.name}: the file is empty")
    if suffix == ".pdf":
        return _pdf_text(path)
    read = _header(_decode(path.read_bytes(), path.name))
    if suffix in (".html", ".htm"):
        parser = _TextExtractor()
        parser.feed(read.text)
        title = read.title or " ".join((parser.title or parser.h1).split())
        return Text("".join(parser.parts), title, read.source_url, read.date, read.lead)
    if suffix == ".md" and not read.title:
        first = read.text.lstrip().split("\n", 1)[0]
        if first.startswith("# "):
            return Text(read.text, first[2:].strip())
    return read


def _is_sentence_like(line: str) -> bool:
    words = line.split()
    if _LIST_ITEM.match(line):  # a bulleted or numbered item is content, not a menu
        return True
    if _ROLE_LINE.search(line) or line.rstrip().endswith((",", ":")):
        return True  # a report's cover: "Submitted by, X", "Implementing Agency:", "Prepared by,"
    return len(words) >= 15 or line.rstrip().endswith((".", "!", "?", ":", ";"))


def strip_boilerplate(lines: list[str], run: int = 8) -> list[str]:
    """Drop runs of `run` or more consecutive short, unpunctuated lines (menus, job lists),
    unless the run reads as a table (`_table_lines`): a table's rows stay, and a profile's
    label/value pairs become "label: value" lines.

    A document's own masthead (title, publisher, a tag line) is a shorter run and stays.
    """
    out: list[str] = []
    block: list[str] = []
    for line in [*_rejoin_title(lines), ""]:
        if line.strip() and not _is_sentence_like(line):
            block.append(line)
            continue
        rows = flattened_table(block)
        if rows:
            out.extend(rows)
        elif len(block) < run:
            out.extend(block)
        else:
            out.extend(_table_lines(block))
        block = []
        if line.strip():
            out.append(line)
    return out


def _rejoin_title(lines: list[str]) -> list[str]:
    """A cover's title set one phrase a line ("AGENDA" / "for" / "39th STEERING COMMITTEE
    MEETING" / "of" / "Micro & Small Enterprises -" / "Cluster Development Program (MSE-CDP)")
    as one line: a line that is a lone joining word ("of", "for") joins the lines on both sides
    of it, and a line left open by a dash joins the next. Menus have no such lines."""
    out: list[str] = []
    join = False
    for line in lines:
        word = line.strip()
        lone = word.lower() in _JOINING and bool(out)
        if out and (join or lone) and not _PAGE_LINE.fullmatch(word):  # an index's page stays
            out[-1] = f"{out[-1].rstrip()} {word}"
        else:
            out.append(line)
        join = lone or word.endswith((" -", " –", " &"))
    return out


_JOINING = {"of", "for", "and", "on", "by", "to", "under", "in", "at", "with", "from"}


def _table_lines(block: list[str]) -> list[str]:
    """What a run of short lines keeps: nothing when it is navigation, its lines when it is
    data (a profile's as "label: value" lines, `_label_values`). Data repeats no line, figures
    aside (menus and job lists repeat their labels: "Area Sales Manager", "Permanent · Pune",
    "Opening 3"), and its lines carry content (four words a line on average, as a table's rows
    do: "Cori Gold Kota, Rajasthan Coriander Powder") or pair as labels and values."""
    # "Area Sales Manager 3" has the shape "Area Sales Manager #"; a lone figure has none; a
    # figure inside a name stays ("KOEL Lean Cluster-1 8", "KOEL Lean Cluster-2 7": two rows)
    shapes = [_FIGURE.sub("#", x) for x in block if len(x.split()) > 1]
    if len(set(shapes)) < len(shapes):
        return []
    pairs = _label_values(block)
    if pairs:
        return pairs
    return block if sum(len(x.split()) for x in block) / len(block) >= 4 else []


# A serial number standing as a table's first cell: "1", "2.", "3)", "(4)"
_SERIAL = re.compile(r"\(?(\d{1,3})[.)]?")


def flattened_table(block: list[str]) -> list[str]:
    """A table a page copied one cell a line (its header's labels, then each row's cells, the
    first a serial number: "Sn" / "Location" / "Craft" / "1" / "Kadavoor, Kollam" / "Straw
    Picture" / "2" / ...) as one line a row with its cells between bars ("1 | Kadavoor, Kollam
    | Straw Picture"), the header first; lines after the last whole row stay as they are. []
    unless the block reads so: a header of two to eight labels (no figures, five words at
    most), and two rows or more numbered 1, 2, 3 ... each as wide as the header."""
    for width in range(2, 9):
        header = block[:width]
        if len(block) < 3 * width or any(_DIGIT.search(h) or len(h.split()) > 5 for h in header):
            break  # a longer header would hold this line too
        rows: list[str] = []
        at = width
        while at + width <= len(block):
            serial = _SERIAL.fullmatch(block[at].strip())
            if serial is None or int(serial.group(1)) != len(rows) + 1:
                break
            rows.append(" | ".join(" ".join(c.split()) for c in block[at : at + width]))
            at += width
        if len(rows) >= 2:
            return [" | ".join(h.strip() for h in header), *rows, *block[at:]]
    return []


_DIGIT = re.compile(r"\d")
_FIGURE = re.compile(r"(?<![\w-])[\d.,]*\d(?![\w-])")  # a figure standing as a word


def _label_values(block: list[str]) -> list[str]:
    """A profile written as a label line over its value line ("Number of MSMEs" / "450",
    "Main fuels" / "Electricity, Natural gas, charcoal, and lignite") as "label: value" lines,
    from the top of the block while the lines pair so (a label of at most five words, without
    figures or a web address), the rest as it is; [] unless three pairs or more are read and
    at least half of their values hold a figure or a list."""
    pairs: list[str] = []
    figures = 0
    i = 0
    while i + 1 < len(block):
        label, value = block[i], block[i + 1]
        if _DIGIT.search(label) or "://" in label or len(label.split()) > 5:
            break
        pairs.append(f"{label.rstrip(' :')}: {value}")
        figures += bool(_DIGIT.search(value) or "," in value)
        i += 2
    if len(pairs) < 3 or figures * 2 < len(pairs):
        return []
    return pairs + block[i:]


_LABEL_ENDS = {"by", "to", "for", "under", "from"}
_DANGLING = _LABEL_ENDS | {"the", "a", "an", "of", "and", "or", "in", "at", "on", "with", "its"}


# A page number or range standing alone on a line: an index's page column ("26-34")
_PAGE_LINE = re.compile(r"\d{1,4}(?:\s*[-–]\s*\d{1,4})?")
_ITEM_MARK = re.compile(r"^(?:[ivx]+\)|\(?[a-z]\)|\d+(?:\.\d+)*\s*(?:\([A-Z]\))?)(?:\s|$)")


def without_page_column(lines: list[str]) -> list[str]:
    """An index flattened to lines puts each item's page numbers between the two halves of an
    item broken across lines ("Soft Interventions in Brooms Cluster, Shigli Village," / "16-20"
    / "Gadag"; "... setting up of Common Facility Centre" / "26-34" / "(CFC) in Steel Product
    Fabrication Cluster, Salem."): the page line is dropped and the halves are one line, when
    the first half does not end a sentence and is left open (a comma, "&", a word no sentence
    ends with) or the second goes on in lower case or with a bracket. A page line after a
    closed line, or before an item marker ("i) Glass Cluster"), stays."""
    out: list[str] = []
    i = 0
    lines = _page_at_end(lines)
    while i < len(lines):
        line = lines[i]
        prev = out[-1].rstrip() if out else ""
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (
            prev
            and nxt
            and _PAGE_LINE.fullmatch(line.strip())
            and not prev.endswith((".", "!", "?", ":", ";"))
            and not _ITEM_MARK.match(nxt)
            and (
                prev.endswith((",", "&", "-"))
                or prev.split()[-1].lower() in _DANGLING
                or nxt[:1].islower()
                or nxt[:1] == "("
            )
        ):
            out[-1] = f"{prev} {nxt}"
            i += 2
            continue
        out.append(line)
        i += 1
    return out


# A numbered section or item opening a line ("39.2 Proposal for ..."): no wrapped text
_SECTION_NUMBER = re.compile(r"\d+(?:\.\d+)+\s")
# An index item whose page number ends its first half: "39.3 Proposal ... to set up CFC in
# Gold Jewellery Cluster, 11" / "Nellore"
_ITEM_PAGE_END = re.compile(r"^(?P<item>.*[^.!?:;\s])\s+\d{1,3}$")


def _page_at_end(lines: list[str]) -> list[str]:
    """Index items broken across lines with their page number at the end of the first half
    (`_ITEM_PAGE_END`) as one line without the page: only before a short line that is no item
    of its own."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        m = _ITEM_PAGE_END.match(line) if _ITEM_MARK.match(line) else None
        if (
            m
            and len(m.group("item").split()) >= 4  # an item's words, not "10 to 12" or "0 / 0"
            and nxt
            and not _ITEM_MARK.match(nxt)
            and not nxt.startswith("#")  # a heading
            and len(nxt.split()) < 12
        ):
            out.append(f"{m.group('item')} {nxt}")
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return out


def unwrap(lines: list[str]) -> list[str]:
    """Join lines that a paragraph was wrapped into (a long line not ending a sentence,
    followed by more text), keeping headings, list items and short lines as they are."""
    out: list[str] = []
    for line in without_page_column(lines):
        prev = out[-1] if out else ""
        continues = line[:1].islower() or line.rstrip().endswith((".", "!", "?", ";"))
        wrapped = (
            line
            and prev
            and len(prev) >= 60  # wrapped paragraphs run long; headings are shorter
            and not prev.rstrip().endswith((".", "!", "?", ":", ";"))
            and not _LIST_ITEM.match(line)
            and not _SECTION_NUMBER.match(line)
            and continues
        )
        # a short label and what it labels: "Submitted to," / "Nodal Agency:" + the next line
        # ("Prepared by" / "Submitted to" on a line of its own ends in a preposition: no end)
        # a report cover's role on a line over its holder: "Nodal Agency" / "COIR BOARD, Kochi"
        label = (
            prev
            and len(prev.split()) <= 4
            and (
                prev.rstrip().endswith((",", ":"))
                or prev.split()[-1].lower() in _LABEL_ENDS
                or _ROLE_LINE.fullmatch(prev.strip())
            )
        )
        # a company's name broken before its suffix: "M/s Common Research" / "Private Limited",
        # "Name of IA: Krushival Coconut Farmers Producer Company" / "Limited, Ambajipeta"
        suffix = prev and _SUFFIX_LINE.fullmatch(line.strip())
        # a line broken off after a word no sentence ends with: "... from the central
        # government under the" / "Cluster Development Programme"
        dangling = prev and prev.split()[-1].lower() in _DANGLING
        if wrapped or suffix or ((label or dangling) and line and not _LIST_ITEM.match(line)):
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a text; each non-empty line (heading, list item) ends a sentence too."""
    lines = [
        piece
        for line in text.replace("\r", "\n").split("\n")
        for piece in _COVER_LABEL.split(" ".join(line.split()))
    ]
    sentences: list[str] = []
    for line in unwrap(strip_boilerplate([ln for ln in lines if ln])):
        line = _LIST_ITEM.sub("", line).lstrip("#").strip().replace("**", "")
        line = _GLUED_STOP.sub(r"\1 \2", line)  # "...contribution.The Committee": two sentences
        start = 0
        for m in _SPLIT.finditer(line):
            before = line[start : m.start()].rstrip('"”’) ')
            last = before.rsplit(" ", 1)[-1].rstrip(".").lower()
            if last in _ABBREV or _INITIALS.fullmatch(last):
                continue  # "Rs.", "Shri L.N. Gupta": not a sentence's end
            sentences.append(line[start : m.start()].strip())
            start = m.end()
        tail = line[start:].strip()
        if start and len(tail.split()) <= 2 and not tail.endswith((".", "!", "?")):
            sentences[-1] = f"{sentences[-1]} {tail}"  # 'Cluster, Boko. Assam': not a sentence
        else:
            sentences.append(tail)
    return [piece for s in sentences if len(s) > 1 for piece in pieces(s)]


def pieces(sentence: str, limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    """`sentence` itself when it has at most `limit` characters, else consecutive pieces of at
    most `limit` characters, each ending at the last space within the limit (or, for a word
    longer than `limit`, inside it). Joined with single spaces they give back the sentence
    (whose spaces are single already) unless a word had to be cut."""
    out: list[str] = []
    while len(sentence) > limit:
        cut = sentence.rfind(" ", 1, limit + 1)
        if cut <= 0:
            out.append(sentence[:limit])
            sentence = sentence[limit:].lstrip(" ")
        else:
            out.append(sentence[:cut])
            sentence = sentence[cut + 1 :]
    if sentence:
        out.append(sentence)
    return out


def load_document(path: Path, max_bytes: int = MAX_BYTES) -> LoadedDocument:
    read = read_text(path, max_bytes)
    # the headline is a sentence of its own: it must not be unwrapped into the first paragraph
    sentences = split_sentences(read.lead) + split_sentences(read.text)
    if not sentences:
        raise InputError(f"{path.name}: no text found")
    title = read.title or _headline(sentences[:8], path.stem) or _from_name(path.stem)
    digest = hashlib.sha256("\n".join(sentences).encode("utf-8")).hexdigest()
    if file_document_id(path.stem) == file_document_id(""):
        raise InputError(f"{path.name}: name the file with letters or digits (it is its id)")
    return LoadedDocument(file_document_id(path.stem), title[:200], str(path), digest,
                          sentences, read.source_url[:500], read.date[:40])  # fmt: skip


def _headline(first: list[str], stem: str = "") -> str | None:
    """A heading among a document's first lines: 3-15 words, not ending like a sentence. A
    page saved under its title's words ('iie-strategy-for-implementation-of-clusters') has its
    heading below a masthead ('Indian Institute of Entrepreneurship'): the heading that most of
    whose words are in the file's name wins over the first."""
    heads = [s for s in first if 3 <= len(s.split()) <= 15 and not s.endswith(".")]
    named = set(re.findall(r"[a-z]+", stem.lower()))

    def shared(head: str) -> float:
        words = re.findall(r"[a-z]+", head.lower())
        return sum(w in named for w in words) / len(words) if words else 0.0

    best = max(heads, key=shared, default=None)
    if best is not None and shared(best) > 0.5 and shared(best) > shared(heads[0]):
        return best
    return heads[0] if heads else None


def _from_name(stem: str) -> str:
    """A title from a file name when the text has none: 'muzaffarpur-bag-cluster' →
    'Muzaffarpur bag cluster'."""
    words = re.sub(r"[-_]+", " ", stem).split()
    return " ".join(words).capitalize() if words else stem


def expand(paths: list[Path]) -> Iterator[Path]:
    """Files named, and the supported files inside folders named (sorted)."""
    for p in paths:
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
            )
        else:
            yield p
