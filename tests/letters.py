"""Letters for the tests of the letter import: the seed letter, a PDF made by hand, and the
candidates the import shows."""

from pathlib import Path

from django.conf import settings

SEED_LETTER = (Path(settings.BASE_DIR) / "seeds" / "000_77f28986cb4b8ded.txt").read_text()


def candidates_of(response):
    """The candidates the review form of the letter import shows."""
    return response.context["formset"].initial


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the lines as text, built by hand: enough for a PDF reader."""
    text = "\n".join(f"({line}) Tj T*" for line in lines)
    stream = f"BT /F1 11 Tf 14 TL 50 800 Td\n{text}\nET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body


def review_data(initial: list[dict]) -> dict[str, str]:
    """The review form as a browser posts it back, every candidate ticked."""
    data = {"form-TOTAL_FORMS": str(len(initial)), "form-INITIAL_FORMS": str(len(initial))}
    for index, row in enumerate(initial):
        for name, value in row.items():
            if name == "ministry":
                value = value.pk if value else ""
            elif name == "due_date":
                value = value.isoformat() if value else ""
            elif name == "accept":
                value = "on"
            data[f"form-{index}-{name}"] = str(value)
    return data
