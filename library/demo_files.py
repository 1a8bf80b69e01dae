"""Small files the project makes itself for the demo library (no third-party
media; licence as the project's code, see README): leaflets and books as PDF,
covers as PNG, short audio as WAV, captions as WebVTT."""

import io
import math
import struct
import wave

from PIL import Image, ImageDraw

from core.drawing import font

ACCENT = (163, 22, 26)
PAGE_SIZE = (420, 595)  # A5 at 72 dpi


def _wrap(draw, text, size, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font(size)) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def _page(title, paragraphs, number):
    image = Image.new("RGB", PAGE_SIZE, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, PAGE_SIZE[0], 60), fill=ACCENT)
    draw.text((24, 20), title[:48], fill="white", font=font(16))
    y = 84
    for paragraph in paragraphs:
        for line in _wrap(draw, paragraph, 14, PAGE_SIZE[0] - 48):
            draw.text((24, y), line, fill="black", font=font(14))
            y += 20
        y += 12
    draw.text((PAGE_SIZE[0] - 40, PAGE_SIZE[1] - 30), str(number), fill="gray", font=font(12))
    return image


def image_pdf(title, pages):
    """A PDF whose pages (each a list of paragraphs) are drawn as images, with
    Vietnamese text in a free font (DejaVu Sans)."""
    images = [_page(title, paragraphs, number) for number, paragraphs in enumerate(pages, start=1)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=72)
    return buffer.getvalue()


def _pdf_literal(text):
    encoded = text.encode("cp1252", errors="replace")
    return b"(" + encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_pdf(pages):
    """A small PDF with real (extractable) text: ``pages`` is a list of lists of
    lines, set in the standard Helvetica (Latin characters only)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for lines in pages:
        stream = (
            b"BT /F1 14 Tf 40 780 Td 18 TL "
            + b" ".join(_pdf_literal(line) + b" '" for line in lines)
            + b" ET"
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % content
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def cover_png(title, subtitle, colour=ACCENT):
    """A book cover: the title on a coloured field."""
    image = Image.new("RGB", (300, 420), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((16, 16, 284, 404), outline="white", width=3)
    y = 120
    for line in _wrap(draw, title.upper(), 20, 240):
        draw.text((30, y), line, fill="white", font=font(20))
        y += 28
    draw.text((30, 360), subtitle[:32], fill="white", font=font(13))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def tone_wav(seconds=2.0, rate=8000):
    """A short, quiet two-note chime (8-bit mono WAV): stands in for a recording."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        frames = bytearray()
        total = int(seconds * rate)
        for n in range(total):
            frequency = 523.25 if n < total / 2 else 659.25
            envelope = min(1.0, (total - n) / (rate * 0.3))
            frames += struct.pack(
                "B", int(128 + 40 * envelope * math.sin(2 * math.pi * frequency * n / rate))
            )
        out.writeframes(bytes(frames))
    return buffer.getvalue()


def captions_vtt(cues):
    """A WebVTT file from (start seconds, end seconds, text) cues."""

    def stamp(seconds):
        return f"00:{int(seconds) // 60:02d}:{seconds % 60:06.3f}"

    body = "\n\n".join(f"{stamp(start)} --> {stamp(end)}\n{text}" for start, end, text in cues)
    return f"WEBVTT\n\n{body}\n".encode()
