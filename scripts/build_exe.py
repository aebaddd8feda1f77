"""Build the one-file executable ``dist/kehoach`` (``dist\\kehoach.exe`` on Windows).

    python -m pip install -e . pyinstaller
    python scripts/build_exe.py            # → dist/kehoach[.exe]
    python scripts/build_exe.py --smoke    # and run every command on the sample with it

PyInstaller bundles Python, kehoach and its libraries into one file that runs on a machine
with nothing installed. What the bundle carries besides the code:

- the plan and the sample as ``kehoach/data/plan2020.yaml`` and ``kehoach/data/sample``
  (what ``kehoach init`` copies), taken from the repository's own ``plan2020.yaml`` and
  ``data/monthly`` — the same files the wheel carries;
- ``kehoach/_build_id.txt``, the digest of the sources (as hatch_build.py writes into the
  wheel), so that the caches' keys never need a source file: there is none on disk;
- python-docx's default document parts (its template), which it reads as data files
  through ``docx/parts/..``, so that folder is made to exist too.

Build on the system you ship to: a Windows executable is built on Windows (PyInstaller
does not cross-compile); the steps are the same there, in cmd.exe or PowerShell, with
``py`` for ``python`` (README, "One executable").
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hatch_build import source_digest  # noqa: E402  (the wheel's digest, the same way)


def build(dist: Path, work: Path) -> Path:
    sep = os.pathsep  # PyInstaller's --add-data separator: ";" on Windows, ":" elsewhere
    build_id = work / "_build_id.txt"
    build_id.write_text(source_digest(ROOT / "src" / "kehoach") + "\n", encoding="utf-8")
    import docx

    # python-docx finds its template as docx/parts/../templates/…: the folder docx/parts
    # must exist on disk in the bundle, where its modules are inside the archive.
    docx_parts = Path(docx.__file__).parent / "parts" / "__init__.py"
    entry = work / "kehoach_main.py"
    entry.write_text("from kehoach.cli import main\n\nmain()\n", encoding="utf-8")
    command = [
        sys.executable, "-m", "PyInstaller", "--onefile", "--noconfirm", "--clean",
        "--log-level", "WARN",
        "--name", "kehoach",
        "--distpath", str(dist), "--workpath", str(work / "build"), "--specpath", str(work),
        "--paths", str(ROOT / "src"),
        "--collect-submodules", "kehoach",  # every command is imported when it runs
        "--collect-data", "docx",  # python-docx's default template
        "--add-data", f"{ROOT / 'plan2020.yaml'}{sep}kehoach/data",
        "--add-data", f"{ROOT / 'data' / 'monthly'}{sep}kehoach/data/sample",
        "--add-data", f"{build_id}{sep}kehoach",
        "--add-data", f"{docx_parts}{sep}docx/parts",
        str(entry),
    ]  # fmt: skip
    subprocess.run(command, check=True)
    exe = dist / ("kehoach.exe" if os.name == "nt" else "kehoach")
    if not exe.is_file():
        raise SystemExit(f"PyInstaller made no {exe}")
    return exe


def smoke(exe: Path) -> None:
    """Every command of the issue's list, on the sample, in a fresh folder from ``init``."""
    with tempfile.TemporaryDirectory(prefix="kehoach-smoke-") as tmp:
        here = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KEHOACH_")}
        env["KEHOACH_CACHE_DIR"] = str(here / "cache")
        form = here / "thue.csv"
        form.write_text("ma_chi_tieu,gia_tri\nKT04,60\n", encoding="utf-8")
        steps = [
            (["--version"], 0),
            (["init", "vp", "--sample"], 0),
            (["status"], 0),
            (["status", "--json"], 0),
            (["validate", str(form), "--unit", "CC-THUE", "--month", "2020-10"], 0),
            (["submit", str(form), "--unit", "CC-THUE", "--month", "2020-10"], 0),
            (["report", "--month", "2020-09", "-o", str(here / "x.docx")], 0),
            (["template", "CC-THUE", "--month", "2020-10", "-o", str(here / "t.xlsx")], 0),
            (["show", "KT04"], 0),
            (["missing"], 0),
            (["explain", "KT04"], 0),
            (["check-store"], 0),
            (["lock", "2020-09"], 0),
            (["status", "--xlsx", str(here / "tong-hop.xlsx")], 0),
        ]
        for args, expected in steps:
            cwd = here if args[0] in ("--version", "init") else here / "vp"
            got = subprocess.run(
                [str(exe), *args], cwd=cwd, env=env, capture_output=True, timeout=300
            )
            said = got.stdout.decode("utf-8", "replace").splitlines()[:1]
            print(f"  kehoach {' '.join(args)} → {got.returncode} {said}")
            if got.returncode != expected:
                sys.stderr.write(got.stderr.decode("utf-8", "replace"))
                raise SystemExit(f"smoke test failed: kehoach {' '.join(args)}")
        for name in ("x.docx", "t.xlsx", "tong-hop.xlsx"):
            if (here / name).stat().st_size == 0:
                raise SystemExit(f"smoke test: {name} is empty")
        print("smoke test: every command ran")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--smoke", action="store_true", help="run the commands after")
    args = parser.parse_args()
    if shutil.which("pyinstaller") is None:
        try:
            import PyInstaller  # noqa: F401
        except ImportError:
            raise SystemExit("PyInstaller is not installed: pip install pyinstaller") from None
    with tempfile.TemporaryDirectory(prefix="kehoach-build-") as work:
        exe = build(args.dist, Path(work))
    print(f"built {exe} ({exe.stat().st_size / 1e6:.1f} MB)")
    if args.smoke:
        smoke(exe)


if __name__ == "__main__":
    main()
