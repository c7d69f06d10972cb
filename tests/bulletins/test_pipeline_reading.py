"""read_document: encodings, HTML, .docx, and every refusal with its message."""

import io

import pytest

from bulletins.pipeline import MAX_BULLETIN_BYTES, BulletinReadError, read_document

SAMPLE = "8月5日上午,市长某某到开发区调研重大项目,了解项目进展。\n项目总投资22亿元。"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),
        SAMPLE.encode("utf-16"),  # with BOM
        SAMPLE.encode("utf-16-be").join([b"\xfe\xff", b""]),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16be-bom"],
)
def test_text_encodings(data):
    assert read_document(data, "bulletin.txt") == SAMPLE


def test_html_drops_script_and_keeps_blocks():
    html = (
        "<html><head><title>简报</title><style>p{color:red}</style></head><body>"
        "<script>var secret = '不应出现';</script><h1>全力推进项目</h1><p>8月5日上午,调研。</p>"
        "<div>项目总投资<b>22亿元</b>。</div></body></html>"
    )
    text = read_document(html.encode("gb18030"), "page.HTM")
    assert "不应出现" not in text and "color" not in text
    lines = [line for line in text.splitlines() if line.strip()]
    assert "全力推进项目" in lines and "8月5日上午,调研。" in lines and "项目总投资22亿元。" in lines


def test_docx_paragraphs_joined_with_newlines():
    import docx

    document = docx.Document()
    document.add_paragraph("全力推进项目尽快投产达效")
    document.add_paragraph("8月5日上午,市长某某到开发区调研。")
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_document(buffer.getvalue(), "bulletin.docx")
    assert text.splitlines() == ["全力推进项目尽快投产达效", "8月5日上午,市长某某到开发区调研。"]


@pytest.mark.parametrize(
    ("data", "filename", "code", "words"),
    [
        (b"", "a.txt", "empty", "文件为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "a.txt", "binary", "二进制"),
        (bytes(range(0x80, 0x100)) * 4, "a.txt", "encoding", "编码"),
        (b"a" * (MAX_BULLETIN_BYTES + 1), "a.txt", "too_large", "2 MB"),
        (SAMPLE.encode("utf-8"), "a.pdf", "extension", ".pdf"),
        (SAMPLE.encode("utf-8"), "noextension", "extension", "不支持"),
        (b"PK\x03\x04 this is not really a zip", "a.docx", "docx", "损坏"),
        (b"   \n\n  ", "a.txt", "no_text", "没有找到文字"),
    ],
    ids=["empty", "binary", "undecodable", "too-large", "pdf", "no-extension", "corrupt-docx", "blank"],
)
def test_refusals(data, filename, code, words):
    with pytest.raises(BulletinReadError) as caught:
        read_document(data, filename)
    assert caught.value.code == code
    assert words in str(caught.value)
