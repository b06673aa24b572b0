"""Reading documents, and what bad input does (a clear message; the KB unchanged)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterkb.service import KnowledgeBase
from ingest.documents import load_document, split_sentences
from ingest.pdftext import pdf_text
from kb.errors import InputError
from tests.pdfbomb import bomb


def _pdf(text: str | None) -> bytes:
    """A one-page PDF; with `text` None the page has no text layer (like a scan)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode() if text else b""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def test_sentences_respect_indian_abbreviations() -> None:
    text = "Artisans received Rs. 9000 each from the Pvt. Ltd. firm. The CFC was built in 2019."
    assert split_sentences(text) == [
        "Artisans received Rs. 9000 each from the Pvt. Ltd. firm.",
        "The CFC was built in 2019.",
    ]


def test_menus_are_dropped_but_lists_and_headings_kept() -> None:
    menu = "\n".join(f"Area Sales Manager {i}\nPermanent · City {i}" for i in range(6))
    text = (
        f"{menu}\nThe cluster has 40 units.\nWay Forward\nIt will grow.\n"
        "- Umden Eri Cluster, Meghalaya\n- Kauna Cluster, Manipur"
    )
    assert split_sentences(text) == [
        "The cluster has 40 units.",
        "Way Forward",
        "It will grow.",
        "Umden Eri Cluster, Meghalaya",
        "Kauna Cluster, Manipur",
    ]


def test_html_loses_navigation_scripts_and_footer(tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    page.write_text(
        "<html><head><title>Coir cluster news</title><script>var x = 1;</script></head><body>"
        "<nav>Home | About</nav><p>The Coir Board sanctioned a CFC.</p><footer>Copyright</footer>"
        "</body></html>"
    )
    doc = load_document(page)
    assert doc.title == "Coir cluster news"
    assert doc.sentences == ["The Coir Board sanctioned a CFC."]


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    path = tmp_path / "profile.pdf"
    path.write_bytes(_pdf("The Bogulamari Jute Cluster is in Dhubri."))
    assert load_document(path).sentences == ["The Bogulamari Jute Cluster is in Dhubri."]


def test_non_utf8_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("The cluster earned Rs 40 lakh – a record.".encode("cp1252"))
    assert "Rs 40 lakh" in load_document(path).sentences[0]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("junk.txt", b"\x00\x01\x02binary\x00" * 100, "binary"),
        ("scan.pdf", _pdf(None), "no text layer"),
        ("broken.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_files_get_a_clear_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        load_document(path)
    assert message in str(err.value) and name in str(err.value)


def test_oversize_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    with pytest.raises(InputError) as err:
        load_document(path)
    assert "over the 20 MB limit" in str(err.value)


def test_failed_documents_leave_the_kb_unchanged_and_the_rest_goes_on(
    tmp_path: Path, scratch_kb: KnowledgeBase
) -> None:
    kb = scratch_kb
    before = kb.stats().to_dict()
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "junk.txt").write_bytes(b"\x00\xff" * 500)
    (bad / "scan.pdf").write_bytes(_pdf(None))
    good = bad / "good.txt"
    good.write_text("The Coir Board is the nodal agency for the Alleppey Coir Cluster.")
    report = kb.ingest([bad])
    assert len(report.failed) == 3 and report.added == ["doc:good"]
    after = kb.stats().to_dict()
    assert after["nodes_by_type"]["Document"] == before["nodes_by_type"]["Document"] + 1
    kb.forget("doc:good")
    assert kb.stats().to_dict() == before


def test_titles_come_from_the_document_itself(tmp_path: Path) -> None:
    saved = tmp_path / "page.txt"
    saved.write_text(
        "SOURCE: https://example.org/news/coir\nTITLE: Coir cluster proposed in Pollachi\n"
        "DATE: 2022-01-02\n\nThe Coir Board proposed a cluster in Pollachi. It would employ 500.\n"
    )
    doc = load_document(saved)
    assert (doc.title, doc.source_url, doc.date) == (
        "Coir cluster proposed in Pollachi", "https://example.org/news/coir", "2022-01-02"
    )  # fmt: skip
    # the headline stays as the first sentence; the address and date lines do not
    assert doc.sentences[0] == "Coir cluster proposed in Pollachi"
    long = tmp_path / "long.txt"
    headline = "Make bee clusters in Jammu functional by 31 March 2023: Hina Bhat says"
    long.write_text(f"TITLE: {headline}\n\nSrinagar: A review meeting was held today.\n")
    assert load_document(long).sentences == [headline, "Srinagar: A review meeting was held today."]
    assert not any("SOURCE" in s or "2022-01-02" in s for s in doc.sentences)
    h1 = tmp_path / "h1.html"
    h1.write_text("<html><body><h1>Jute park opens</h1><p>The park opened in Dhubri.</p></body>")
    assert load_document(h1).title == "Jute park opens"
    md = tmp_path / "notes.md"
    md.write_text("# Notes on the Gaya cluster\n\nThe cluster makes silk. It has 40 units.\n")
    assert load_document(md).title == "Notes on the Gaya cluster"
    # no title anywhere and no heading-like line: the file's name, not a sentence of the text
    plain = tmp_path / "muzaffarpur-bag-cluster.txt"
    plain.write_text("In the current era, clusters matter. The bag cluster has 12 units.\n")
    assert load_document(plain).title == "Muzaffarpur bag cluster"
    # a masthead above the page's heading: the heading the file is named after
    saved = tmp_path / "iie-strategy-for-clusters.txt"
    saved.write_text("Indian Institute of Entrepreneurship\n\nMSME logo\n\nStrategy for clusters"
                     "\n\nThe clusters were implemented with partners.\n")  # fmt: skip
    assert load_document(saved).title == "Strategy for clusters"


def test_pdf_title_from_its_metadata(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    bare = tmp_path / "bare.pdf"
    bare.write_bytes(_pdf("The Bogulamari Jute Cluster is in Dhubri."))
    writer = PdfWriter(clone_from=PdfReader(str(bare)))
    writer.add_metadata({"/Title": "Diagnostic study of the Bogulamari jute cluster"})
    path = tmp_path / "study.pdf"
    with path.open("wb") as f:
        writer.write(f)
    assert load_document(path).title == "Diagnostic study of the Bogulamari jute cluster"


@pytest.mark.parametrize(
    "name, pdf, limit",
    [
        ("one-huge-stream.pdf", bomb(2, 12_000_000), "per inflated stream"),
        ("shared-stream.pdf", bomb(300, 6_000_000), "inflate to over"),
        ("many-pages.pdf", bomb(600, 1_000), "600 pages"),
    ],
)
def test_a_pdf_bomb_is_refused_by_its_limit(
    tmp_path: Path, name: str, pdf: bytes, limit: str
) -> None:
    path = tmp_path / name
    path.write_bytes(pdf)
    with pytest.raises(InputError) as err:
        load_document(path)
    assert name in str(err.value) and limit in str(err.value)


def test_a_pdf_that_takes_too_long_is_stopped(tmp_path: Path) -> None:
    path = tmp_path / "slow.pdf"
    path.write_bytes(_pdf("The Bogulamari Jute Cluster is in Dhubri."))
    with pytest.raises(InputError) as err:
        pdf_text(path, seconds=0.01)  # the child cannot even start in that time
    assert "took longer than 0.01 s" in str(err.value)
