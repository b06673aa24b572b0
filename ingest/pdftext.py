"""A PDF's text layer, read in a child process with limits on pages, inflated bytes, memory and
time, so that a compressed "bomb" (41 KB that inflates to gigabytes of drawing operators, the
same huge page repeated) costs the server a bounded wait and a clear error, not minutes of CPU
or memory.

    pdf_text(path)                       in the server: runs `python -m ingest.pdftext PATH`
    python -m ingest.pdftext PATH        in the child: the text on stdout, or a reason on stderr

The child holds no lock and shares no interpreter lock with the server; it is killed at
PDF_SECONDS. Limits (all per document): at most PDF_MAX_PAGES pages, PDF_MAX_STREAM_BYTES per
decompressed stream and PDF_MAX_INFLATED for all pages' content (counted before any text is
extracted), PDF_MAX_TEXT_CHARS of extracted text, PDF_MAX_MEMORY bytes of address space.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kb.errors import InputError

PDF_SECONDS = 30.0
PDF_MAX_PAGES = 500
PDF_MAX_STREAM_BYTES = 8 * 1024 * 1024  # one decompressed stream
PDF_MAX_INFLATED = 16 * 1024 * 1024  # all pages' content streams, decompressed
PDF_MAX_TEXT_CHARS = 5_000_000
PDF_MAX_MEMORY = 1536 * 1024 * 1024
_REFUSED = 3  # the child's exit status for a PDF over a limit or unreadable


def pdf_text(path: Path, seconds: float = PDF_SECONDS) -> str:
    """The text of the PDF at `path`; InputError naming the file and the limit it passed."""
    return pdf_text_and_title(path, seconds)[0]


def pdf_text_and_title(path: Path, seconds: float = PDF_SECONDS) -> tuple[str, str]:
    """(text, the title in the PDF's metadata or ""), read within the limits above."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ingest.pdftext", str(path)],
            capture_output=True,
            timeout=seconds,
            cwd=Path(__file__).resolve().parent.parent,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    except subprocess.TimeoutExpired as e:  # run() kills the child
        raise InputError(
            f"{path.name}: reading the PDF took longer than {seconds:g} s and was stopped "
            "(a compressed 'bomb' or a very complex file); split it or save its text"
        ) from e
    if done.returncode == _REFUSED:
        raise InputError(f"{path.name}: {done.stderr.decode('utf-8', 'replace').strip()}")
    if done.returncode != 0:
        why = "it used more than its memory limit" if done.returncode < 0 or b"MemoryError" in done.stderr else "the reader failed"  # fmt: skip
        raise InputError(f"{path.name}: not a readable PDF ({why})")
    title, _, text = done.stdout.decode("utf-8").partition("\n")
    return text, title


def _child(path: str) -> int:
    import dataclasses
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (PDF_MAX_MEMORY, PDF_MAX_MEMORY))
    import pypdf
    from pypdf.errors import LimitReachedError, PyPdfError

    small = {
        f.name: PDF_MAX_STREAM_BYTES
        for f in dataclasses.fields(pypdf.Configuration)
        if f.name.endswith(("_output_length", "_buffer_size", "declared_stream_length"))
    }
    pypdf.overwrite_configuration(pypdf.get_configuration().with_overwrites(**small))
    try:
        reader = pypdf.PdfReader(path)
        pages = len(reader.pages)
        if pages > PDF_MAX_PAGES:
            print(f"the PDF has {pages} pages; at most {PDF_MAX_PAGES} are read", file=sys.stderr)
            return _REFUSED
        inflated = 0
        for number, page in enumerate(reader.pages, start=1):
            contents = page.get_contents()
            inflated += len(contents.get_data()) if contents is not None else 0
            if inflated > PDF_MAX_INFLATED:
                print(f"the PDF's pages inflate to over {PDF_MAX_INFLATED // 2**20} MB of "
                      f"drawing instructions by page {number}", file=sys.stderr)  # fmt: skip
                return _REFUSED
        out, size = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            size += len(text)
            if size > PDF_MAX_TEXT_CHARS:
                print(f"the PDF's text is over {PDF_MAX_TEXT_CHARS:,} characters",
                      file=sys.stderr)  # fmt: skip
                return _REFUSED
            out.append(text)
    except LimitReachedError as e:
        print(f"the PDF is over a size limit ({PDF_MAX_STREAM_BYTES // 2**20} MB per inflated "
              f"stream): {str(e)[:200]}", file=sys.stderr)  # fmt: skip
        return _REFUSED
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        print(f"not a readable PDF ({type(e).__name__}: {str(e)[:200]})", file=sys.stderr)
        return _REFUSED
    try:
        meta = reader.metadata
        title = " ".join(str(meta.title or "").split()) if meta is not None else ""
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        title = ""
    sys.stdout.write(title + "\n" + "\n".join(out))  # the title's line, then the text
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1]))
