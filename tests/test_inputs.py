"""Reading drafts in the encodings Japanese files and mails really use, and writing them back."""

import base64
import json
from email.message import EmailMessage

import pytest

from yoshinani_lint.cli import main
from yoshinani_lint.errors import InputError
from yoshinani_lint.inputs import decode, read_source

NG = "山田様\n\nお世話になっております。\n納品が遅れてしまい、すみませんでした。\n"
FIXED = NG.replace("すみませんでした", "申し訳ございませんでした")
# EUC-JP bytes of this draft are also valid CP932 (as half-width katakana and rare kanji):
# only the "looks like Japanese" comparison can tell which one was meant.
AMBIGUOUS = "山田様\n\nお世話になっております。\n遅くなってすみませんでした。\n"


@pytest.fixture(autouse=True)
def _no_project_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no .yoshinani.yaml from the repository applies


def check(capsys, *args):
    code = main(["check", "--format", "json", "--select", "bare-apology", *map(str, args)])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else [], err


def locations(entry):
    return [(m["line"], m["column"], m["endLine"], m["endColumn"]) for m in entry["messages"]]


# --- encodings -------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp932", "euc_jp", "utf-8"])
def test_legacy_japanese_drafts_are_read_with_character_columns(capsys, tmp_path, encoding):
    path = tmp_path / "reply.txt"
    path.write_bytes(NG.replace("\n", "\r\n").encode(encoding))
    code, data, err = check(capsys, path)
    assert code == 1 and err == ""
    assert locations(data[0]) == [(4, 11, 4, 19)]
    assert read_source(str(path)).encoding == encoding


def test_euc_jp_that_is_also_valid_cp932_is_read_as_euc_jp(capsys, tmp_path):
    data = AMBIGUOUS.encode("euc_jp")
    assert data.decode("cp932") != AMBIGUOUS  # both decode strictly; cp932 gives mojibake
    path = tmp_path / "reply.txt"
    path.write_bytes(data)
    code, result, _ = check(capsys, path)
    assert code == 1 and locations(result[0]) == [(4, 6, 4, 14)]
    assert read_source(str(path)).encoding == "euc_jp"


def test_windows_and_unix_specific_characters_are_read():
    # 髙 as Windows saves it (FB FC, IBM extension), ① (NEC row 13), ～ (CP932's wave dash)
    windows = b"\xfb\xfc" + "橋様\n①お世話になっております。10時～12時\n".encode("cp932")
    source = decode(windows, "w.txt")
    assert source.encoding == "cp932" and source.text == "髙橋様\n①お世話になっております。10時～12時\n"
    # ① in EUC-JP as eucJP-ms / CP51932 write it (row 13, outside JIS X 0208)
    unix = "①納期の件、承知しました。\n".encode("euc_jis_2004")
    source = decode(unix, "u.txt")
    assert source.text == "①納期の件、承知しました。\n" and source.encoding == "euc_jis_2004"


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp"])
def test_fix_keeps_the_encoding_and_every_byte_outside_the_fixed_span(capsys, tmp_path, encoding):
    path = tmp_path / "reply.txt"
    original = NG.replace("\n", "\r\n").encode(encoding)
    path.write_bytes(original)
    assert main(["fix", "--select", "bare-apology", str(path)]) == 0
    assert path.read_bytes() == original.replace("すみませんでした".encode(encoding),
                                                 "申し訳ございませんでした".encode(encoding))
    assert "1 件を自動修正しました" in capsys.readouterr().out


def test_fix_keeps_cp932_bytes_that_python_would_encode_differently(capsys, tmp_path):
    # Python's cp932 writes 髙 as EE E0 (NEC-selected) where Windows saved FB FC (IBM), and
    # ≒ from NEC row 13 as 81 E0. Re-encoding the whole text would rewrite both.
    assert "髙".encode("cp932") != b"\xfb\xfc" and "≒".encode("cp932") != b"\x87\x90"
    original = (b"\xfb\xfc" + "橋様\r\n\r\n".encode("cp932") + b"\x87\x90"
                + "お世話になっております。\r\n納品が遅れてしまい、すみませんでした。\r\n".encode("cp932"))
    path = tmp_path / "reply.txt"
    path.write_bytes(original)
    assert main(["fix", "--select", "bare-apology", str(path)]) == 0
    assert path.read_bytes() == original.replace("すみませんでした".encode("cp932"),
                                                 "申し訳ございませんでした".encode("cp932"))
    capsys.readouterr()


def test_fix_refuses_a_replacement_the_encoding_cannot_hold(capsys, tmp_path, monkeypatch):
    import yoshinani_lint.fixer as fixer

    real = fixer.fix_text

    def with_emoji(*args, **kwargs):
        text, remaining, applied = real(*args, **kwargs)
        return text.replace("申し訳ございませんでした", "申し訳ございませんでした🙇"), remaining, applied

    monkeypatch.setattr(fixer, "fix_text", with_emoji)
    sjis, utf8 = tmp_path / "sjis.txt", tmp_path / "utf8.txt"
    sjis.write_bytes(NG.encode("cp932"))
    utf8.write_bytes(NG.encode("utf-8"))
    assert main(["fix", "--select", "bare-apology", str(sjis), str(utf8)]) == 2
    err = capsys.readouterr().err
    assert sjis.read_bytes() == NG.encode("cp932")  # untouched, no mojibake, no "?"
    assert utf8.read_text(encoding="utf-8") == FIXED.replace("でした。", "でした🙇。", 1)
    lines = err.splitlines()
    assert len(lines) == 1 and str(sjis) in lines[0] and "U+1F647" in lines[0] and "CP932" in lines[0]


def test_unreadable_files_are_one_line_errors_and_the_others_are_checked(capsys, tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes(NG.encode("cp932"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café au lait\n".encode("latin-1"))
    halfwidth = tmp_path / "kana.txt"
    halfwidth.write_bytes("ｼｽﾃﾑﾒﾝﾃﾅﾝｽﾉｵｼﾗｾ\n".encode("cp932"))
    code, data, err = check(capsys, binary, latin, halfwidth, good)
    assert code == 2 and "Traceback" not in err
    assert [e["filePath"] for e in data] == [str(good)] and locations(data[0]) == [(4, 11, 4, 19)]
    lines = err.splitlines()
    assert len(lines) == 3
    assert str(binary) in lines[0] and "バイナリ" in lines[0]
    assert str(latin) in lines[1] and "UTF-8・CP932（Shift_JIS）・EUC-JP のいずれとしても読めません" in lines[1]
    assert str(halfwidth) in lines[2] and "--encoding" in lines[2]


# --- --encoding ------------------------------------------------------------------------------

def test_encoding_option_overrides_detection(capsys, tmp_path):
    path = tmp_path / "reply.txt"
    path.write_bytes(AMBIGUOUS.encode("euc_jp"))
    code, data, _ = check(capsys, path)
    assert code == 1
    code, data, _ = check(capsys, "--encoding", "cp932", path)  # read as told: mojibake
    assert code == 0 and data[0]["messages"] == []
    code, data, _ = check(capsys, "--encoding", "EUC-JP", path)
    assert code == 1 and locations(data[0]) == [(4, 6, 4, 14)]


def test_encoding_option_reads_what_detection_refuses(capsys, tmp_path):
    path = tmp_path / "kana.txt"
    path.write_bytes("ｽﾐﾏｾﾝ\n".encode("cp932"))
    assert check(capsys, path)[0] == 2
    code, data, err = check(capsys, "--encoding", "Windows-31J", path)
    assert code == 0 and err == "" and [e["filePath"] for e in data] == [str(path)]


def test_encoding_option_errors_name_the_file_or_the_value(capsys, tmp_path):
    path = tmp_path / "reply.txt"
    path.write_bytes(NG.encode("cp932"))
    code, data, err = check(capsys, "--encoding", "euc-jp", path)
    assert code == 2 and data == []
    assert len(err.splitlines()) == 1 and str(path) in err and "EUC-JP として読めません" in err
    for name in ("klingon", "base64"):
        with pytest.raises(SystemExit) as exc:
            main(["check", "--encoding", name, str(path)])
        assert exc.value.code == 2
        assert f"unknown encoding: '{name}'" in capsys.readouterr().err


def test_fix_with_forced_encoding_round_trips(capsys, tmp_path):
    path = tmp_path / "reply.txt"
    path.write_bytes(b"\xfe\xff" + NG.encode("utf-16-be"))
    assert main(["fix", "--encoding", "utf-16", "--select", "bare-apology", str(path)]) == 0
    assert path.read_bytes() == b"\xfe\xff" + FIXED.encode("utf-16-be")
    path.write_bytes(NG.encode("shift_jis"))
    assert main(["fix", "--encoding", "shift_jis", "--select", "bare-apology", str(path)]) == 0
    assert path.read_bytes() == FIXED.encode("shift_jis")
    capsys.readouterr()


# --- .eml ------------------------------------------------------------------------------------

def message(**headers) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "川口 <kawaguchi@example.jp>"
    msg["To"] = "yamada@example.com"
    msg["Subject"] = "納品が遅れてしまい、すみませんでした"  # headers are not checked
    for key, value in headers.items():
        msg[key] = value
    return msg


def eml_iso2022jp() -> bytes:
    msg = message()
    msg.set_content(NG, charset="iso-2022-jp", cte="7bit")
    data = msg.as_bytes()
    assert b"\x1b$B" in data and data.isascii()
    return data


def eml_sjis_base64() -> bytes:
    msg = message()  # as Windows mailers send it: labelled Shift_JIS, really CP932 (①)
    body = "山田様\n\n①お世話になっております。\n納品が遅れてしまい、すみませんでした。\n"
    msg.set_content(body.encode("cp932"), maintype="text", subtype="plain", cte="base64")
    msg.set_param("charset", "Shift_JIS")
    data = msg.as_bytes()
    assert b"base64" in data and base64.b64encode(body.encode("cp932"))[:40] in data
    return data


def eml_utf8_qp() -> bytes:
    msg = message()
    msg.set_content(NG, charset="utf-8", cte="quoted-printable")
    data = msg.as_bytes()
    assert b"=E3=81" in data
    return data


def eml_multipart() -> bytes:
    msg = message()
    msg.set_content("<p>すみませんでした</p>\n", subtype="html")  # HTML first, on line 1
    msg.add_alternative(NG, cte="base64")
    msg.add_attachment("すみませんでした\n".encode(), maintype="text", subtype="plain", filename="memo.txt")
    data = msg.as_bytes()
    assert b"multipart/mixed" in data and b"multipart/alternative" in data
    return data


def eml_outlook_iso2022jp() -> bytes:
    # ISO-2022-JP as Outlook sends ① (CP50221: NEC row 13 inside ESC $ B), which Python's
    # iso2022_jp codecs reject.
    body = ("山田様\n\n".encode("iso2022_jp") + b"\x1b$B-!\x1b(B"
            + "お世話になっております。\n納品が遅れてしまい、すみませんでした。\n".encode("iso2022_jp"))
    headers = (b"From: kawaguchi@example.jp\r\nSubject: =?ISO-2022-JP?B?GyRCJDckXyReJDskcxsoQg==?=\r\n"
               b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"ISO-2022-JP\"\r\n"
               b"Content-Transfer-Encoding: 7bit\r\n\r\n")
    return headers + body.replace(b"\n", b"\r\n")


def eml_undeclared_8bit() -> bytes:
    # No charset parameter, raw 8-bit CP932: guessed like a plain draft.
    return (b"From: kawaguchi@example.jp\nSubject: test\nContent-Transfer-Encoding: 8bit\n\n"
            + NG.encode("cp932"))


@pytest.mark.parametrize("build", [eml_iso2022jp, eml_sjis_base64, eml_utf8_qp, eml_multipart,
                                   eml_outlook_iso2022jp, eml_undeclared_8bit])
def test_eml_body_is_checked_with_body_line_numbers(capsys, tmp_path, build):
    path = tmp_path / "reply.eml"
    path.write_bytes(build())
    code, data, err = check(capsys, path)
    assert code == 1 and err == ""
    assert locations(data[0]) == [(4, 11, 4, 19)]  # line 4 of the body, not of the file
    source = read_source(str(path))
    assert source.text.replace("\r\n", "\n").replace("①", "") == NG


def test_directories_pick_up_eml(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(NG, encoding="utf-8")
    (tmp_path / "b.eml").write_bytes(eml_iso2022jp())
    (tmp_path / "c.msg").write_bytes(eml_iso2022jp())
    _, data, _ = check(capsys, tmp_path)
    assert [e["filePath"] for e in data] == [str(tmp_path / "a.txt"), str(tmp_path / "b.eml")]


def test_fix_refuses_to_write_an_eml_but_diff_shows_the_change(capsys, tmp_path):
    path = tmp_path / "reply.eml"
    original = eml_utf8_qp()
    path.write_bytes(original)
    assert main(["fix", "--diff", "--select", "bare-apology", str(path)]) == 1
    out = capsys.readouterr().out
    assert "-納品が遅れてしまい、すみませんでした。" in out and "+納品が遅れてしまい、申し訳ございませんでした。" in out
    assert main(["fix", "--select", "bare-apology", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and str(path) in err and ".eml は書き換えません" in err
    assert path.read_bytes() == original


def test_eml_problems_are_one_line_errors(capsys, tmp_path):
    html_only = message()
    html_only.set_content("<p>すみませんでした</p>\n", subtype="html")
    (tmp_path / "html.eml").write_bytes(html_only.as_bytes())
    wrong = message()
    wrong.set_content(NG.encode("cp932"), maintype="text", subtype="plain", cte="base64")
    wrong.set_param("charset", "utf-8")  # mislabelled
    (tmp_path / "wrong.eml").write_bytes(wrong.as_bytes())
    code, data, err = check(capsys, tmp_path)
    assert code == 2 and data == []
    lines = err.splitlines()
    assert len(lines) == 2 and "Traceback" not in err
    assert "html.eml" in lines[0] and "text/plain" in lines[0]
    assert "wrong.eml" in lines[1] and "charset=utf-8" in lines[1]
    # --encoding overrides a wrong label
    code, data, _ = check(capsys, "--encoding", "cp932", tmp_path / "wrong.eml")
    assert code == 1 and locations(data[0]) == [(4, 11, 4, 19)]


def test_decode_errors_are_input_errors():
    with pytest.raises(InputError, match="バイナリ"):
        decode(b"abc\x00def", "x.txt")
    with pytest.raises(InputError, match="--encoding"):
        decode(b"\x80\x80\x80", "x.txt")
