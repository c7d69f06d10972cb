"""Turn an uploaded bulletin file (bytes) into text, or refuse it with a clear message."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import PurePath

MAX_BULLETIN_BYTES = 2 * 1024 * 1024
# A .docx is a zip archive: checked from its directory before anything is inflated, so a small file that
# expands to gigabytes (a zip bomb) is refused at once. Real bulletins stay far below each limit.
MAX_DOCX_UNCOMPRESSED_BYTES = 25 * 1024 * 1024
MAX_DOCX_ENTRIES = 1000
MAX_DOCX_RATIO = 100  # XML deflates 5–20×; only a crafted entry shrinks a hundredfold
DOCX_RATIO_FLOOR_BYTES = 1024 * 1024  # small entries may compress well without harm
SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".docx")

# Plain strings kept in one place so the web layer can translate or reword them.
MESSAGES = {
    "empty": "文件为空,没有可读取的内容。(The file is empty.)",
    "too_large": "文件超过 2 MB 上限({size} 字节)。(The file is larger than 2 MB.)",
    "extension": "不支持的文件类型“{ext}”,仅支持 .txt、.html、.htm、.docx。(Unsupported file type.)",
    "binary": "文件包含二进制内容,不是文本文件。(The file holds binary data, not text.)",
    "encoding": "无法识别文件编码,请另存为 UTF-8 或 GB18030 后重试。(The text encoding could not be recognised.)",
    "docx": "无法打开 Word 文档,文件可能已损坏:{detail}。(The .docx file is corrupt.)",
    "no_text": "文件中没有找到文字内容。(No text was found in the file.)",
    "docx_expands": "Word 文档解压后超过 {limit} MB({size} 字节),已拒绝。(The .docx expands to more than {limit} MB.)",
    "docx_entries": "Word 文档包含 {count} 个部件,超过 {limit} 个上限,已拒绝。(The .docx holds too many parts.)",
    "docx_ratio": "Word 文档的压缩比异常({ratio}:1),可能是压缩炸弹,已拒绝。(The .docx is compressed suspiciously well.)",
    "text_too_large": "提取出的文字超过 2 MB 上限({size} 字节)。(The text in the file is larger than 2 MB.)",
}


class BulletinReadError(ValueError):
    """Raised when a file cannot be read as a bulletin; str(error) is a user-facing message."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _fail(code: str, **params: object) -> BulletinReadError:
    return BulletinReadError(MESSAGES[code].format(**params), code)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# Encodings charset-normalizer may propose that can really carry Chinese.
_CHINESE_CAPABLE = {"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "utf_8", "utf_16", "utf_32", "hz", "cp950"}


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise _fail("encoding") from exc
    if b"\x00" in data:
        raise _fail("binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # GB18030 decodes most byte soup, so only accept it when the result reads as Chinese.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding in _CHINESE_CAPABLE and best.chaos < 0.2:
        text = str(best)
        if _looks_chinese(text):
            return text
    raise _fail("encoding")


def _looks_chinese(text: str) -> bool:
    """Real Chinese is mostly common (GB2312) characters; byte soup decoded as GB18030 is not."""
    if _CONTROL.search(text):
        return False
    cjk = _CJK.findall(text)
    if not cjk:
        return False
    common = sum(1 for ch in cjk if _is_common(ch))
    return common >= 0.8 * len(cjk)


def _is_common(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "blockquote", "pre", "td", "th", "title",
)


def _html_to_text(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        if tag.name == "head":
            title = tag.find("title")
            tag.replace_with(title) if title else tag.decompose()
        else:
            tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = soup.get_text()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _check_archive(data: bytes) -> None:
    """Refuse a .docx whose directory promises too much, before a byte of it is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _fail("docx", detail=type(exc).__name__) from exc
    if len(entries) > MAX_DOCX_ENTRIES:
        raise _fail("docx_entries", count=len(entries), limit=MAX_DOCX_ENTRIES)
    total = sum(entry.file_size for entry in entries)
    if total > MAX_DOCX_UNCOMPRESSED_BYTES:
        raise _fail("docx_expands", limit=MAX_DOCX_UNCOMPRESSED_BYTES // (1024 * 1024), size=total)
    for entry in entries:
        if entry.file_size > DOCX_RATIO_FLOOR_BYTES:
            ratio = entry.file_size // max(entry.compress_size, 1)
            if ratio > MAX_DOCX_RATIO:
                raise _fail("docx_ratio", ratio=ratio)
    # zipfile inflates no more than an entry's declared size (a lie fails its CRC check), so the
    # directory's figures bound what python-docx reads next.


def _docx_to_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _fail("docx", detail=type(exc).__name__) from exc
    except Exception as exc:  # python-docx raises many kinds on broken XML
        raise _fail("docx", detail=type(exc).__name__) from exc
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(paragraphs)


def read_document(data: bytes, filename: str) -> str:
    """Return the text of a .txt, .html/.htm or .docx bulletin; raise BulletinReadError otherwise."""
    ext = PurePath(filename or "").suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise _fail("extension", ext=ext or filename or "?")
    if not data:
        raise _fail("empty")
    if len(data) > MAX_BULLETIN_BYTES:
        raise _fail("too_large", size=len(data))
    if ext == ".docx":
        text = _docx_to_text(data)
    else:
        text = _decode(data)
        if ext in (".html", ".htm"):
            text = _html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    size = len(text.encode("utf-8"))
    if size > MAX_BULLETIN_BYTES:  # the same limit as a text file, whatever the file held it in
        raise _fail("text_too_large", size=size)
    if not text.strip():
        raise _fail("no_text")
    return text
