"""End to end with a real editor: headless Neovim starts `yoshinani server`, opens an NG draft
and reads back vim.diagnostic.get(). Neovim converts our UTF-16 columns to byte columns, so
the check that it underlines the right bytes after an emoji proves the whole chain."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra (pip install '.[lsp]')")
NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed; .ci/run installs it")

# vim.lsp.start_client + buf_attach_client: Debian 12's Neovim 0.7 has no vim.lsp.start.
INIT = r"""
local python, draft, out = vim.env.YOSHINANI_PYTHON, vim.env.YOSHINANI_DRAFT, vim.env.YOSHINANI_OUT
local id = vim.lsp.start_client({name = "yoshinani", cmd = {python, "-m", "yoshinani_lint", "server"},
                                 root_dir = vim.fn.fnamemodify(draft, ":h")})
vim.cmd("edit " .. vim.fn.fnameescape(draft))
vim.lsp.buf_attach_client(0, id)
local done = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  table.insert(lines, table.concat({d.lnum, d.col, d.end_lnum, d.end_col, code, d.severity}, "\t"))
end
if not done then table.insert(lines, "TIMEOUT") end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.client_is_stopped(id) end, 50)
vim.cmd("qa!")
"""


def test_neovim_shows_the_findings_on_the_right_bytes(tmp_path):
    draft = tmp_path / "reply.txt"
    text = "高橋様\n\n🙇‍♀️本当にすみませんでした。\n修正版は後ほどお送りします。\n"
    draft.write_text(text, encoding="utf-8")
    init = tmp_path / "init.lua"
    init.write_text(INIT, encoding="utf-8")
    out = tmp_path / "diagnostics.tsv"
    env = {"YOSHINANI_PYTHON": sys.executable, "YOSHINANI_DRAFT": str(draft), "YOSHINANI_OUT": str(out),
           "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin", "YOSHINANI_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([NVIM, "--headless", "--clean", "-u", str(init)], env=env, timeout=180,
                   stdin=subprocess.DEVNULL, capture_output=True, check=False)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert ["TIMEOUT"] not in rows, rows
    found = {row[4]: [int(v) for v in row[:4]] + [int(row[5])] for row in rows}
    line = text.split("\n")[2]
    start = len(line[:line.index("すみません")].encode("utf-8"))  # Neovim columns are bytes
    assert found["bare-apology"] == [2, start, 2, start + len("すみませんでした".encode("utf-8")), 2]
    timing = text.split("\n")[3].index("後ほど")
    assert found["vague-timing"][:2] == [3, len(text.split("\n")[3][:timing].encode("utf-8"))]
