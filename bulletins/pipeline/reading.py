"""Turn an uploaded bulletin file (bytes) into text, or refuse it with a clear message."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import PurePath

MAX_BULLETIN_BYTES = 2 * 1024 * 1024
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


def _docx_to_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

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
    if not text.strip():
        raise _fail("no_text")
    return text
