"""Speed and memory of `yoshinani check`, measured on this machine.

    python benchmarks/bench.py [--runs 21] [--replies 1000]

Prints:
  - the median wall time of `yoshinani check` on one ~250-character reply, in a new process
    each time (what a user or a pre-commit hook waits for);
  - the throughput over a folder of generated replies checked by one process, with the raw
    fugashi tokenizing throughput on the same text in the same run, for scale. A generated
    reply is an address, a greeting, body sentences (about a third of them phrasings the
    rules exist for, the rest ordinary business sentences) and a signature; the worst case,
    where every body sentence is a problem, is reported too;
  - the peak memory (max RSS) of that one process.
Targets: one short reply <= 150 ms median; 1,000 replies <= 1.5 s; peak memory <= 100 MiB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
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


def cold_single(runs: int) -> float:
    cmd = yoshinani_command() + ["check", str(SHORT_REPLY)]
    subprocess.run(cmd, capture_output=True, env=ENV)  # proves and caches the rules, writes .pyc
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def folder_run(folder: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one `yoshinani check FOLDER` process."""
    cmd = yoshinani_command() + ["check", "--format", "json", str(folder)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss


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
        lint_document(Document(text), rules)
    engine = time.perf_counter() - start
    tagger = fugashi.Tagger()
    start = time.perf_counter()
    for text in texts:
        for line in text.split("\n"):
            tagger(line)
    raw = time.perf_counter() - start
    return engine, raw


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--replies", type=int, default=1000)
    args = parser.parse_args()

    rng = random.Random(20261122)
    texts = [make_reply(rng) for _ in range(args.replies)]
    dense = [make_reply(rng, ng_share=1.0) for _ in range(args.replies)]
    chars = sum(len(t) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        single = cold_single(args.runs)
        folders = []
        for name, batch in (("mixed", texts), ("dense", dense)):
            folder = Path(tmp) / name
            folder.mkdir()
            for i, text in enumerate(batch):
                (folder / f"reply-{i:04d}.txt").write_text(text, encoding="utf-8")
            folders.append(folder)
        folder_run(folders[0])  # warm the file cache
        wall, rss_kib = folder_run(folders[0])
        dense_wall, dense_rss = folder_run(folders[1])
    engine, raw = in_process(texts)

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"single reply ({len(SHORT_REPLY.read_text(encoding='utf-8'))} chars), cold process, "
          f"median of {args.runs}: {single * 1000:.0f} ms   (target <= 150 ms)")
    print(f"{args.replies} replies ({chars} chars) in one process: {wall:.2f} s wall, "
          f"{chars / wall:,.0f} chars/s   (target <= 1.5 s)")
    print(f"  engine alone (no start-up, no file I/O): {engine:.2f} s, {chars / engine:,.0f} chars/s")
    print(f"  raw fugashi tokenizing, same text:       {raw:.2f} s, {chars / raw:,.0f} chars/s")
    print(f"peak memory of that process: {rss_kib / 1024:.1f} MiB   (target <= 100 MiB)")
    print(f"worst case, every body sentence a problem ({sum(map(len, dense))} chars): {dense_wall:.2f} s wall, "
          f"{max(rss_kib, dense_rss) / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
