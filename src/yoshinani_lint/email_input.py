"""Reading .eml files: the text/plain body of a MIME message, decoded as its headers say.

What is checked is the body alone, so findings carry the line numbers of the decoded body;
headers (From, Subject, ...) are not part of the reply's prose.

`fix` never writes an .eml back (`--diff` still shows what it would change): writing the body
would mean re-encoding a MIME message (charset, transfer encoding, line lengths, multipart
boundaries, signatures) that a mail client produced, which is out of scope. The Source is
marked read-only and Source.encode refuses with a one-line error.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from .errors import InputError
from .inputs import Source, codec_name, decode

READ_ONLY = ".eml は書き換えません（MIME メッセージの再エンコードは対象外です。差分は --diff で確認できます）"

# Charset labels seen in Japanese mail, and the codecs that read what mailers really send:
# "Shift_JIS" from Windows is CP932 (①, ㈱, 髙), "EUC-JP" may use row 13 (eucJP-ms).
_CHARSETS = {
    "shift_jis": ("cp932",), "shift-jis": ("cp932",), "sjis": ("cp932",), "x-sjis": ("cp932",),
    "euc-jp": ("euc_jp", "euc_jis_2004"), "x-euc-jp": ("euc_jp", "euc_jis_2004"),
}
_ISO2022JP = ("iso-2022-jp", "csiso2022jp")


def read_eml(data: bytes, name: str, encoding: str | None = None) -> Source:
    """The first text/plain body of the message; `encoding` overrides its declared charset."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    part = _plain_body(message)
    if part is None:
        raise InputError(name, "text/plain の本文がありません（HTML だけのメールは確認できません）")
    payload = part.get_payload(decode=True) or b""  # transfer encoding (base64, QP) undone
    # The parser decodes broken base64 as best it can (or hands back the raw base64) and only
    # notes a defect: linting that would check mojibake or base64 letters instead of the reply.
    # (Missing padding alone is decoded correctly and is common: it is not refused.)
    broken = [d for d in part.defects if type(d).__name__ in ("InvalidBase64CharactersDefect",
                                                              "InvalidBase64LengthDefect")]
    if broken and part.get("content-transfer-encoding", "").strip().lower() == "base64":
        raise InputError(name, "本文の base64 が壊れているため読めません（" + type(broken[0]).__name__ + "）")
    charset = part.get_content_charset()  # lower-cased, RFC 2231 decoded; None if not declared
    if encoding is not None or not charset:
        # No declared charset: the same guess as for a plain draft (UTF-8, CP932, EUC-JP).
        source = decode(payload, name, encoding)
        text, codec = source.text, source.encoding
    else:
        text, codec = _decode_charset(payload, charset.strip(), name)
    return Source(name, text, codec, False, data, read_only=READ_ONLY)


def _plain_body(message: EmailMessage) -> EmailMessage | None:
    """The body a reader sees as text (skipping attachments), else the first text/plain part."""
    body = message.get_body(preferencelist=("plain",))
    if body is not None and body.get_content_type() == "text/plain":
        return body
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not part.is_attachment():
            return part
    return None


def _decode_charset(payload: bytes, charset: str, name: str) -> tuple[str, str]:
    if charset in _ISO2022JP:
        try:
            return payload.decode("iso2022_jp"), "iso2022_jp"
        except UnicodeDecodeError:
            text = _iso2022jp_as_cp932(payload)
            if text is not None:
                return text, "iso2022_jp"
            raise InputError(name, f"本文を charset={charset} として読めません。--encoding で文字コードを指定してください") from None
    try:
        codecs_ = _CHARSETS.get(charset) or (codec_name(charset),)
    except LookupError:
        raise InputError(name, f"本文の charset={charset} は対応していない文字コードです。--encoding で指定してください") from None
    for codec in codecs_:
        try:
            return payload.decode(codec), codec
        except UnicodeDecodeError as exc:
            error = exc
    raise InputError(name, f"本文を charset={charset} として読めません（{error.start + 1} バイト目）。"
                           "--encoding で文字コードを指定してください")


def _iso2022jp_as_cp932(data: bytes) -> str | None:
    """ISO-2022-JP as Outlook and Windows write it (CP50220/CP50221), read through CP932.

    They put NEC row 13 (①, ㈱, №) and IBM extensions inside ESC $ B, which Python's strict
    iso2022_jp codecs reject. Each JIS X 0208 code is mapped to its Shift_JIS code (plain
    arithmetic) and the whole is decoded as CP932, which defines those rows; None if it fails.
    """
    out = bytearray()
    mode, i = "ascii", 0
    while i < len(data):
        escape = data[i:i + 3]
        if escape in (b"\x1b$B", b"\x1b$@"):
            mode, i = "jis", i + 3
            continue
        if escape in (b"\x1b(B", b"\x1b(J"):
            mode, i = "ascii", i + 3
            continue
        if escape == b"\x1b(I":
            mode, i = "kana", i + 3
            continue
        byte = data[i]
        if byte == 0x1B or byte >= 0x80:
            return None
        if byte in (0x0A, 0x0D) or mode == "ascii":
            out.append(byte)
            i += 1
        elif mode == "kana":
            if not 0x21 <= byte <= 0x5F:
                return None
            out.append(byte + 0x80)
            i += 1
        else:
            if i + 1 >= len(data) or not (0x21 <= byte <= 0x7E and 0x21 <= data[i + 1] <= 0x7E):
                return None
            high, low = byte, data[i + 1]
            lead = (high + 1) // 2 + 0x70
            lead += 0x40 if lead > 0x9F else 0
            if high % 2:
                trail = low + 0x1F + (1 if low >= 0x60 else 0)
            else:
                trail = low + 0x7E
            out += bytes((lead, trail))
            i += 2
    try:
        return out.decode("cp932")
    except UnicodeDecodeError:
        return None
