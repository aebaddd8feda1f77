"""Starting without the source tree: ``kehoach init``, the shipped plan and sample, and
``kehoach.toml`` found from the working folder (docs/contract.md §11)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kehoach.cli import app
from kehoach.read.shipped import shipped
from tests.conftest import PLAN_PATH, ROOT, SAMPLE_DATA

ENV_VARS = ("KEHOACH_PLAN", "KEHOACH_DATA", "KEHOACH_LANG", "COLUMNS")


@pytest.fixture
def cli(monkeypatch, tmp_path):
    """Run kehoach in-process from ``tmp_path`` (or a folder given), with no KEHOACH_*
    variables: what the config sets is undone after each test."""
    for var in ENV_VARS:
        monkeypatch.setenv(var, "")
        monkeypatch.delenv(var)
    monkeypatch.setenv("COLUMNS", "400")  # paths whole on one line
    runner = CliRunner()

    def invoke(*args, cwd: Path | None = None):
        monkeypatch.chdir(cwd or tmp_path)
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke


def sample_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_init_sample_writes_the_shipped_plan_and_sample(cli, tmp_path):
    result = cli("init", "van-phong", "--sample")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "van-phong"
    assert (folder / "plan2020.yaml").read_bytes() == PLAN_PATH.read_bytes()
    assert sample_files(folder / "data" / "monthly") == sample_files(SAMPLE_DATA)
    config = (folder / "kehoach.toml").read_text(encoding="utf-8")
    assert 'plan = "plan2020.yaml"' in config and 'data = "data/monthly"' in config
    out = result.stdout
    assert f"Đã tạo thư mục làm việc {folder}" in out
    assert "cd van-phong" in out and "    kehoach status\n" in out
    assert "218 tệp số liệu MẪU" in out


def test_commands_inside_the_folder_find_plan_and_data_through_the_config(cli, tmp_path):
    assert cli("init", "vp", "--sample").exit_code == 0
    deep = tmp_path / "vp" / "data" / "monthly" / "2020-09"
    here = json.loads(cli("status", "--json", cwd=deep).stdout)
    repo = json.loads(
        cli("status", "--json", "--plan", PLAN_PATH, "--data", SAMPLE_DATA, cwd=tmp_path).stdout
    )
    assert here == repo
    assert here["month"] == "2020-09"


def test_init_without_sample_gives_an_empty_data_folder_that_status_reads(cli, tmp_path):
    result = cli("init", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "data" / "monthly").iterdir()) == []
    assert "the data folder (empty)" in result.stdout
    assert "cd " not in result.stdout  # already there
    status = cli("status", "--json")
    assert status.exit_code == 0
    assert json.loads(status.stdout)["summary"]["no_data"] > 0


def test_init_refuses_a_folder_with_its_files_and_writes_nothing(cli, tmp_path):
    (tmp_path / "plan2020.yaml").write_text("# the office's own plan\n", encoding="utf-8")
    (tmp_path / "data" / "monthly").mkdir(parents=True)
    result = cli("init", ".", "--sample")
    assert result.exit_code == 2
    assert "đã có plan2020.yaml, data/monthly" in " ".join(result.stderr.split())
    assert "không ghi đè" in result.stderr
    assert not (tmp_path / "kehoach.toml").exists()
    assert (tmp_path / "plan2020.yaml").read_text(encoding="utf-8") == "# the office's own plan\n"
    assert list((tmp_path / "data" / "monthly").iterdir()) == []


def test_init_onto_a_file_is_refused(cli, tmp_path):
    (tmp_path / "x").write_text("", encoding="utf-8")
    result = cli("init", "x", "--lang", "en")
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr


def test_unrelated_files_are_left_alone(cli, tmp_path):
    (tmp_path / "bao-cao.docx").write_bytes(b"PK")
    assert cli("init").exit_code == 0
    assert (tmp_path / "bao-cao.docx").read_bytes() == b"PK"


def _no_data_path(result) -> str:
    first = result.stderr.splitlines()[0]
    return first.removeprefix("Không tìm thấy thư mục dữ liệu ").removesuffix(".")


def test_config_then_environment_then_flags(cli, tmp_path, monkeypatch):
    (tmp_path / "kehoach.toml").write_text(
        f'plan = "{PLAN_PATH.as_posix()}"\ndata = "tu-cau-hinh"\n', encoding="utf-8"
    )
    result = cli("status")
    assert result.exit_code == 2
    assert _no_data_path(result) == "tu-cau-hinh"  # relative to here, where the config is
    assert f"(theo {tmp_path / 'kehoach.toml'}, dòng 2)" in result.stderr
    monkeypatch.setenv("KEHOACH_DATA", str(tmp_path / "tu-moi-truong"))
    result = cli("status")
    assert _no_data_path(result) == str(tmp_path / "tu-moi-truong")
    assert "(theo biến môi trường KEHOACH_DATA)" in result.stderr
    result = cli("status", "--data", tmp_path / "tu-tuy-chon")
    assert _no_data_path(result) == str(tmp_path / "tu-tuy-chon")
    assert "(theo tùy chọn --data)" in result.stderr


def test_config_lang_is_a_default_the_flag_overrides(cli, tmp_path):
    (tmp_path / "kehoach.toml").write_text('lang = "en"\n', encoding="utf-8")
    assert "The plan file was not found." in cli("status").stderr
    assert "Không tìm thấy tệp kế hoạch." in cli("status", "--lang", "vi").stderr


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ('plan = "a.yaml"\ndata = \n', "dòng 2: viết sai cú pháp TOML", "line 2: not valid TOML"),
        ('plan = "a.yaml"\n\nthu_muc = "x"\n', "dòng 3: không có khóa “thu_muc”",
         "line 3: there is no key “thu_muc”"),
        ("data = 5\n", "dòng 1: giá trị của “data” phải là chuỗi", "line 1: the value of “data”"),
        ('lang = "fr"\n', "dòng 1: lang phải là “vi” hoặc “en”", "line 1: lang must be"),
    ],
)  # fmt: skip
def test_a_broken_config_names_the_file_and_line(cli, tmp_path, text, vi, en):
    config = tmp_path / "kehoach.toml"
    config.write_text(text, encoding="utf-8")
    for lang, words in (("vi", vi), ("en", en)):
        result = cli("status", "--lang", lang)
        assert result.exit_code == 2
        said = " ".join(result.stderr.split())
        assert str(config) in said and words in said, said
    # --help still helps
    assert cli("--help").exit_code == 0


def test_a_plan_named_in_the_config_that_fails_names_the_config(cli, tmp_path):
    (tmp_path / "kehoach.toml").write_text('# office\nplan = "kh.yaml"\n', encoding="utf-8")
    (tmp_path / "kh.yaml").write_text("year: [\n", encoding="utf-8")
    result = cli("plan", "--check", "--lang", "en")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "The plan file kh.yaml is not valid" in said
    assert f"named in {tmp_path / 'kehoach.toml'}, line 2" in said
    (tmp_path / "kh.yaml").unlink()
    result = cli("plan", "--lang", "en")
    said = " ".join(result.stderr.split())
    assert "The plan file was not found." in said
    assert f"kh.yaml (from {tmp_path / 'kehoach.toml'}, line 2)" in said
    # from a folder below, the same file by its whole path
    (tmp_path / "sub").mkdir()
    said = " ".join(cli("plan", "--lang", "en", cwd=tmp_path / "sub").stderr.split())
    assert f"{tmp_path / 'kh.yaml'} (from {tmp_path / 'kehoach.toml'}, line 2)" in said


def test_a_missing_plan_says_where_it_looked_and_the_three_ways(cli, tmp_path):
    result = cli("status")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert said.startswith("Không tìm thấy tệp kế hoạch.")
    assert "không hợp lệ" not in said
    assert f"plan2020.yaml (mặc định, tính từ thư mục đang làm việc {tmp_path})" in said
    for way in ("kehoach.toml", "KEHOACH_PLAN", "--plan"):
        assert way in said
    said = " ".join(cli("status", "--lang", "en").stderr.split())
    assert said.startswith("The plan file was not found.")
    assert "one of three ways" in said and "kehoach init writes one" in said


def test_the_shipped_files_are_the_repository_s(tmp_path):
    """From a checkout they are the repository's own; a wheel carries copies of them."""
    assert shipped("plan2020.yaml") == ROOT / "plan2020.yaml"
    assert shipped("sample") == ROOT / "data" / "monthly"


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the checkout")
def test_the_wheel_carries_the_plan_and_the_sample(tmp_path):
    import subprocess
    import sys

    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path, ROOT],
        capture_output=True,
        timeout=600,
    )
    if built.returncode != 0:
        pytest.skip(f"no wheel builder here: {built.stderr.decode()[-300:]}")
    (wheel,) = tmp_path.glob("kehoach-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        assert z.read("kehoach/data/plan2020.yaml") == PLAN_PATH.read_bytes()
        sample = {n for n in names if n.startswith("kehoach/data/sample/")}
        assert len(sample) == len(sample_files(SAMPLE_DATA))
        assert z.read("kehoach/data/sample/_log.csv") == (SAMPLE_DATA / "_log.csv").read_bytes()
        # the build's digest, so that nothing reads a source file at run time
        assert len(z.read("kehoach/_build_id.txt").decode().strip()) == 64


def test_cache_keys_read_no_source_file(monkeypatch, tmp_path):
    """A one-file build has no .py files on disk: the code's stamp must come from the build
    id (or, in a checkout, the files' sizes and times), never from reading them."""
    import builtins
    import io

    from kehoach.read import cache

    opened = []
    real_open = io.open

    def watch(file, *args, **kw):
        opened.append(str(file))
        return real_open(file, *args, **kw)

    monkeypatch.setattr(builtins, "open", watch)
    monkeypatch.setattr(io, "open", watch)
    stamp = cache.code_stamp()
    assert len(stamp) == 64
    assert not [p for p in opened if p.endswith(".py")]
    build = Path(cache.__file__).parent.parent / cache.BUILD_ID_NAME
    if not build.exists():  # a checkout: the stamp follows the sources' times
        import kehoach

        init = Path(kehoach.__file__)
        st = init.stat()
        os_utime = __import__("os").utime
        os_utime(init, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        try:
            assert cache.code_stamp() != stamp
        finally:
            os_utime(init, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_platform_cache_folders(monkeypatch, tmp_path):
    from kehoach.read.cache import cache_dir, platform_cache_dir

    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\van-thu\AppData\Local")
    assert (
        str(platform_cache_dir("win32"))
        .replace("/", "\\")
        .endswith(r"C:\Users\van-thu\AppData\Local\kehoach\Cache")
    )
    assert platform_cache_dir("darwin") == Path.home() / "Library" / "Caches" / "kehoach"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert platform_cache_dir("linux") == tmp_path / "kehoach"
    monkeypatch.delenv("KEHOACH_CACHE_DIR", raising=False)
    monkeypatch.delenv("KEHOACH_NO_CACHE", raising=False)
    assert cache_dir() == platform_cache_dir()
    monkeypatch.setenv("KEHOACH_NO_CACHE", "1")
    assert cache_dir() is None


def test_library_versions_come_from_folder_names(tmp_path, monkeypatch):
    from kehoach.read.cache import installed_versions

    (tmp_path / "rich-99.1.0.dist-info").mkdir()
    (tmp_path / "PyYAML-7.0.egg-info").mkdir()
    (tmp_path / "richer-1.0.dist-info").mkdir()
    monkeypatch.setattr("sys.path", [str(tmp_path)])
    assert installed_versions(("rich", "pyyaml")) == ["pyyaml-7.0", "rich-99.1.0"]
