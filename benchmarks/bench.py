"""Speed and memory of `yoshinani check`, measured on this machine against the floor.

    python benchmarks/bench.py [--runs 21] [--replies 1000] [--scaling]

The machine is shared and noisy, so every figure is paired with the floor measured in the
same run, interleaved with it: python + import fugashi + create the tagger + tokenize one
word, the least any check must cost. Medians, with the range (min-max), are reported.
Prints:
  - cold `yoshinani check` of one ~250-character reply, --no-color into a pipe, and with
    colour in a real terminal (a pseudo-terminal): median, range, ratio to the floor;
  - a folder of generated replies checked by one command (the pool on, and serial with
    YOSHINANI_WORKERS=1), with raw fugashi tokenizing the same text on one core, for scale;
    a reply is an address, a greeting, body sentences (about a third of them phrasings the
    rules exist for) and a signature; the worst case, every body sentence a problem, too;
  - peak memory (max RSS) of the single-reply check and of the folder run;
  - with --scaling: one draft of 1 KB, 10 KB, 100 KB and 1 MB checked in-process.
Targets (issue 11): cold check <= 2.2x the floor; colour <= 1.2x --no-color; 1,000 replies
<= 1.0 s wall, serial <= 3x raw fugashi; one reply <= 80 MiB; cost linear in the size.
"""

from __future__ import annotations

import argparse
import os
import pty
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHORT_REPLY = (HERE.parent / "examples" / "ng-delay-apology.txt")

# Sentences a reply is assembled from: greetings, apologies, reports, promises, closings.
OPENINGS = ["お世話になっております。", "いつもお世話になっております。", "ご連絡ありがとうございます。",
            "ご確認いただきありがとうございます。"]
# Sentences that trigger rules, and ordinary ones: a real reply is mostly the latter.
NG_BODY = [
    "納品が遅れてしまい、すみませんでした。", "ご依頼の件、承知いたしました。",
    "デザイン案を2点作成いたしましたので、添付にてお送りいたします。",
    "なぜか書き出したデータが壊れておりました。", "修正版は後ほどお送りしたいと思います。",
    "原因は書き出し設定の誤りでした。", "本日17時までに修正版をお送りいたします。",
    "今後は納品前にダブルチェックを行い、再発防止に努めます。", "英語版の追加は対応できません。",
    "トップ画像の差し替えはどうしたらいいですか？", "前にも申し上げた通り、仕様は変更できません。",
    "キャッシュを削除してからご確認ください。", "了解しました、確認しておきます。",
    "請求書の金額に誤りがございました。", "明日の午前中にご連絡いたします。",
    "A案とB案の2案がございますが、費用面からA案をおすすめいたします。",
]
NEUTRAL_BODY = [
    "添付の資料をご確認いただけますと幸いです。", "トップページのデザイン案を2点作成いたしました。",
    "先日のお打ち合わせの内容を議事録にまとめております。", "ご指摘いただいた3点は、すべて修正済みです。",
    "撮影は来週火曜日の10時から、御社の会議室で行う予定です。", "請求書は月末締め、翌月末のお支払いとなります。",
    "動画の尺は60秒で、冒頭に商品のアップを入れております。", "翻訳した原稿は共有フォルダに格納いたしました。",
    "見出しのフォントを少し太くし、読みやすさを優先しました。", "ご質問の件、契約書の第5条に記載がございます。",
    "スマートフォンでの表示も確認いたしました。", "次回の定例会は12月3日15時からを予定しております。",
    "ご要望の色味に近づけるため、写真の明るさを調整しました。", "納品物一式をまとめてお送りいたします。",
]
CLOSINGS = ["よろしくお願いいたします。", "引き続きよろしくお願いいたします。", "何卒よろしくお願い申し上げます。"]


def make_reply(rng: random.Random, target: int = 250, ng_share: float = 0.35) -> str:
    lines = [f"{rng.choice(['山田', '佐藤', '高橋', '田中'])}様", "", rng.choice(OPENINGS)]
    while sum(map(len, lines)) < target - 30:
        lines.append(rng.choice(NG_BODY if rng.random() < ng_share else NEUTRAL_BODY))
    lines += [rng.choice(CLOSINGS), "", "--", "デザインオフィス栞 森"]
    return "\n".join(lines) + "\n"


def yoshinani_command() -> list[str]:
    script = Path(sys.executable).with_name("yoshinani")
    if script.exists():
        return [str(script)]
    found = shutil.which("yoshinani")
    return [found] if found else [sys.executable, "-m", "yoshinani_lint"]


# An installed package has its bytecode compiled; measure that, not recompiling every module.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


FLOOR = [sys.executable, "-c", "import fugashi; fugashi.Tagger()('了解')"]


def timed(cmd: list[str], env=None, terminal: bool = False) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run; ``terminal``: stdout is a pseudo-terminal
    (what a user's shell gives), drained so that the child never blocks on it."""
    master = slave = None
    if terminal:
        master, slave = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=slave if terminal else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env or ENV)
    if terminal:
        os.close(slave)
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:  # EIO: the child closed the terminal
                break
    _, _, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if terminal:
        os.close(master)
    return elapsed, usage.ru_maxrss


def paired(commands: dict[str, tuple[list[str], bool]], runs: int) -> dict[str, list[tuple[float, int]]]:
    """Each command ``runs`` times, interleaved (floor, a, b, floor, a, b ...), so that a
    busy spell on the shared machine hits all of them alike."""
    out = {name: [] for name in commands}
    for cmd, terminal in commands.values():  # warm: the rule cache, .pyc files, the page cache
        timed(cmd, terminal=terminal)
    for _ in range(runs):
        for name, (cmd, terminal) in commands.items():
            out[name].append(timed(cmd, terminal=terminal))
    return out


def describe(samples: list[tuple[float, int]], floor: float | None = None) -> str:
    times = [t for t, _ in samples]
    median = statistics.median(times)
    text = f"{median * 1000:6.0f} ms (range {min(times) * 1000:.0f}-{max(times) * 1000:.0f})"
    if floor:
        text += f"  {median / floor:.2f}x the floor"
    return text


def folder_run(folder: Path, env=None) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one `yoshinani check FOLDER` process."""
    return timed(yoshinani_command() + ["check", "--format", "json", str(folder)], env=env)


def in_process(texts: list[str]) -> tuple[float, float]:
    """Seconds for the engine alone and for raw fugashi on the same texts, in this process."""
    import fugashi

    from yoshinani_lint.document import Document
    from yoshinani_lint.engine import lint_document
    from yoshinani_lint.loader import load_rules

    rules = load_rules()
    lint_document(Document(texts[0]), rules)  # warm: tagger created
    start = time.perf_counter()
    for text in texts:
        doc = Document(text)
        lint_document(doc, rules)
        doc.release()  # as the command does: freed now, not by the cycle collector
    engine = time.perf_counter() - start
    tagger = fugashi.Tagger()
    start = time.perf_counter()
    for text in texts:
        for line in text.split("\n"):
            tagger(line)
    raw = time.perf_counter() - start
    return engine, raw


def scaling() -> None:
    """One draft of ordinary reply sentences, 1 KB to 1 MB, checked in a new process each
    (benchmarks/scaling.py has the worst-case shapes and 10 MB)."""
    here = Path(__file__).resolve().parent
    done = subprocess.run([sys.executable, str(here / "scaling.py"), "--max-size", "1M", "--shapes", "prose"],
                          capture_output=True, text=True, env=ENV)
    print("one draft of ordinary sentences, by size (check only, tagger and rules loaded):")
    print("  " + done.stdout.strip().replace("\n", "\n  "))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--replies", type=int, default=1000)
    parser.add_argument("--scaling", action="store_true", help="also 1 KB ... 1 MB in one draft")
    args = parser.parse_args()

    rng = random.Random(20261122)
    texts = [make_reply(rng) for _ in range(args.replies)]
    dense = [make_reply(rng, ng_share=1.0) for _ in range(args.replies)]
    chars = sum(len(t) for t in texts)
    check = yoshinani_command() + ["check", str(SHORT_REPLY)]
    cold = paired({"floor": (FLOOR, False), "plain": (check + ["--no-color"], False),
                   "colour": (check, True)}, args.runs)
    floor = statistics.median(t for t, _ in cold["floor"])
    plain = statistics.median(t for t, _ in cold["plain"])
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for name, batch in (("mixed", texts), ("dense", dense)):
            folder = Path(tmp) / name
            folder.mkdir()
            for i, text in enumerate(batch):
                (folder / f"reply-{i:04d}.txt").write_text(text, encoding="utf-8")
            folders.append(folder)
        serial_env = {**ENV, "YOSHINANI_WORKERS": "1"}
        folder_run(folders[0])  # warm the file cache
        pooled, serial = [], []
        for _ in range(3):
            pooled.append(folder_run(folders[0]))
            serial.append(folder_run(folders[0], serial_env))
        dense_wall, dense_rss = folder_run(folders[1])
    engine, raw = in_process(texts)

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average "
          f"{os.getloadavg()[0]:.1f}; medians of {args.runs} interleaved runs")
    print(f"floor (python + import fugashi + Tagger + one word): {describe(cold['floor'])}")
    print(f"cold check, {len(SHORT_REPLY.read_text(encoding='utf-8'))} chars, --no-color: "
          f"{describe(cold['plain'], floor)}   (target <= 2.2x)")
    colour = statistics.median(t for t, _ in cold["colour"])
    print(f"cold check in a terminal, colour:   {describe(cold['colour'], floor)}, "
          f"{colour / plain:.2f}x --no-color   (target <= 1.2x)")
    print(f"peak memory of one check: {max(r for _, r in cold['plain']) / 1024:.1f} MiB   (target <= 80 MiB)")
    print(f"{args.replies} replies ({chars} chars), one command, median of 3:")
    for label, runs in (("pool", pooled), ("serial (YOSHINANI_WORKERS=1)", serial)):
        wall = statistics.median(t for t, _ in runs)
        print(f"  {label}: {wall:.2f} s wall (range {min(t for t, _ in runs):.2f}-{max(t for t, _ in runs):.2f}), "
              f"{chars / wall:,.0f} chars/s, peak RSS {max(r for _, r in runs) / 1024:.1f} MiB (per process)")
    print(f"  engine alone, in-process serial (no start-up, no file I/O): {engine:.2f} s, "
          f"{engine / raw:.2f}x raw fugashi   (target serial <= 3x)")
    print(f"  raw fugashi tokenizing the same text, one core: {raw:.2f} s")
    print(f"worst case, every body sentence a problem ({sum(map(len, dense))} chars): {dense_wall:.2f} s wall, "
          f"{dense_rss / 1024:.1f} MiB")
    if args.scaling:
        scaling()
    return 0


if __name__ == "__main__":
    sys.exit(main())
