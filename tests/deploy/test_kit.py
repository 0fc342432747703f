"""The deployment kit (deploy/), tested as far as a machine without a Docker engine allows:
the compose file validated by the Compose CLI, the systemd units by systemd-analyze (each
skipped with its reason where the tool is missing), and the Dockerfile's install commands
held equal to `make install catalogs`, which every test run has just used. The image build
itself needs a Docker engine and is not run here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _compose() -> list[str] | None:
    if shutil.which("docker") and subprocess.run(
            ["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def _config(tmp_path: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    compose = _compose()
    if compose is None:
        pytest.skip("compose file not validated: neither `docker compose` nor docker-compose "
                    "is installed (Debian: apt install docker-compose)")
    folder = tmp_path / "deploy"
    folder.mkdir()
    for name in ("compose.yaml", "Caddyfile"):
        shutil.copy(DEPLOY / name, folder / name)
    env = (DEPLOY / ".env.example").read_text()
    for name, value in settings.items():
        env = re.sub(rf"(?m)^{name}=.*$", f"{name}={value}", env)
    (folder / ".env").write_text(env)
    environ = {k: v for k, v in os.environ.items() if not k.startswith("COMPOSE_")}
    return subprocess.run([*compose, "-f", "compose.yaml", "config"], cwd=folder,
                          capture_output=True, text=True, timeout=60, env=environ)


def _services(config: str) -> dict[str, str]:
    """Each service's block of ``config``'s YAML (no YAML library among the dependencies:
    the blocks are read as text, in the normalised form both Compose CLIs print)."""
    blocks: dict[str, list[str]] = {}
    current = None
    inside = False
    for line in config.splitlines():
        if not line.startswith(" "):
            inside = line == "services:"
            current = None
        elif inside and re.match(r"^  [a-z]+:$", line):
            current = line.strip()[:-1]
            blocks[current] = []
        elif inside and current:
            blocks[current].append(line.strip())
    return {name: "\n".join(lines) + "\n" for name, lines in blocks.items()}


def test_compose_file_is_valid_and_runs_what_the_readme_says(tmp_path) -> None:
    result = _config(tmp_path, POSTGRES_PASSWORD="pw1234")
    assert result.returncode == 0, result.stderr
    services = _services(result.stdout)
    assert set(services) == {"db", "migrate", "bot", "sender", "webhook", "caddy"}
    assert "image: postgres:15\n" in services["db"]  # the image's pg_dump is 15
    assert "pgdata" in services["db"] and "pgdata:" in result.stdout.split("\nvolumes:")[-1]
    assert "- db\n- upgrade\n" in services["migrate"]
    assert "restart: 'no'\n" in services["migrate"] or 'restart: "no"\n' in services["migrate"]
    for name in ("bot", "sender", "webhook"):
        block = services[name]
        assert "condition: service_completed_successfully\n" in block, block
        assert "OUTBOX_SENDER: separate\n" in block
        assert "DATABASE_URL: postgresql+psycopg://haat:pw1234@db:5432/haat\n" in block
        assert "restart: unless-stopped\n" in block
    assert "- send\n" in services["sender"] and "profiles" not in services["sender"]
    assert "profiles:\n- polling\n" in services["bot"]
    assert "profiles:\n- webhook\n" in services["webhook"]
    assert "profiles:\n- webhook\n" in services["caddy"]
    assert "WEBHOOK_URL: https://" in services["webhook"]
    assert "COMPOSE_PROFILES=polling" in (DEPLOY / ".env.example").read_text()


def test_compose_refuses_to_start_without_a_database_password(tmp_path) -> None:
    result = _config(tmp_path)
    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD in deploy/.env" in result.stderr


def test_systemd_units_verify(tmp_path) -> None:
    if not shutil.which("systemd-analyze"):
        pytest.skip("units not verified: systemd-analyze is not installed")
    # The units name /opt/haat; here the code and its venv are this checkout's.
    venv_bin = Path(sys.executable).parent
    units = sorted((DEPLOY / "systemd").iterdir())
    for unit in units:
        text = (unit.read_text().replace("/opt/haat/.venv/bin", str(venv_bin))
                .replace("/opt/haat", str(ROOT)))
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(["systemd-analyze", "verify", "--man=no",
                             *(str(tmp_path / u.name) for u in units)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stdout.strip() and not result.stderr.strip(), \
        result.stdout + result.stderr
    for name, command in (("haat-bot.service", "seller-bot run"),
                          ("haat-sender.service", "seller-bot send")):
        text = (DEPLOY / "systemd" / name).read_text()
        assert f"ExecStart=/opt/haat/.venv/bin/{command}\n" in text
        assert "Restart=on-failure" in text and "RestartPreventExitStatus=2" in text


# ------------------------------------------------------------------ the Dockerfile

def _instructions() -> list[tuple[str, str]]:
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            found.append((keyword, " ".join(rest.split())))
    return found


def _make_recipe(target: str, variables: dict[str, str]) -> list[str]:
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        command = line.strip()
        for name, value in variables.items():
            command = command.replace(f"$({name})", value)
        recipe.append(" ".join(command.split()))
    return recipe


def dockerfile_install_commands() -> list[str]:
    runs = [rest for keyword, rest in _instructions() if keyword == "RUN"]
    install = next(run for run in runs if "pip install" in run)
    return [command.strip() for command in install.split("&&")]


def make_install_commands() -> list[str]:
    variables = {"PYTHON": "python3.11", "VENV": ".venv", "BIN": ".venv/bin"}
    commands = _make_recipe("$(INSTALLED)", variables)
    # `catalogs` builds each language's .mo by a pattern rule (`-l $*`), one per language.
    for language in ("hi", "en"):
        commands += [c.replace("$*", language) for c in
                     _make_recipe("locales/%/LC_MESSAGES/messages.mo", variables)]
    # The image leaves out the dev tools and make's own marker file.
    return [c.replace('".[dev]"', '"."') for c in commands if not c.startswith("touch ")]


def test_the_dockerfile_installs_as_make_install_catalogs_does() -> None:
    assert dockerfile_install_commands() == make_install_commands()


def test_the_dockerfile_image() -> None:
    instructions = _instructions()
    assert instructions[0] == ("FROM", "python:3.11-slim-bookworm")
    copied = [rest.split()[:-1] for keyword, rest in instructions if keyword == "COPY"]
    for sources in copied:
        for source in sources:
            assert (ROOT / source).exists(), source
    # What pip and pybabel need, and what the bot reads beside its code at run time.
    flat = {s for sources in copied for s in sources}
    assert {"pyproject.toml", "README.md", "LICENSE", "bot", "handlers", "locales",
            "templates"} <= flat
    assert ("USER", "haat") in instructions
    assert ("ENTRYPOINT", '["seller-bot"]') in instructions
    health = next(rest for keyword, rest in instructions if keyword == "HEALTHCHECK")
    assert health.endswith('CMD ["seller-bot", "health"]')
    apt = next(rest for keyword, rest in instructions
               if keyword == "RUN" and "apt-get install" in rest)
    assert "postgresql-client" in apt  # seller-bot backup's pg_dump
    assert "fontpkg-hind" in (ROOT / "pyproject.toml").read_text()  # the labels' font


@pytest.mark.skipif(os.environ.get("HAAT_TEST_FRESH_INSTALL") != "1",
                    reason="fresh install skipped (minutes, downloads from PyPI): set "
                           "HAAT_TEST_FRESH_INSTALL=1")
def test_the_dockerfile_install_commands_work_in_a_fresh_folder(tmp_path) -> None:
    """The image's build steps, run here: COPY, then its install commands, then the bot."""
    for keyword, rest in _instructions():
        if keyword == "COPY":
            *sources, _target = rest.split()
            for source in sources:
                copy = shutil.copytree if (ROOT / source).is_dir() else shutil.copy
                copy(ROOT / source, tmp_path / source)
    for path in tmp_path.rglob("*.mo"):
        path.unlink()
    for command in dockerfile_install_commands():
        result = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True,
                                text=True, timeout=900)
        assert result.returncode == 0, (command, result.stderr[-2000:])
    assert (tmp_path / "locales/hi/LC_MESSAGES/messages.mo").is_file()
    python = tmp_path / ".venv/bin/python"
    font = subprocess.run([python, "-c", "import fontpkg; print(fontpkg.path('Hind'))"],
                          capture_output=True, text=True)
    assert font.returncode == 0 and Path(font.stdout.strip()).is_file(), font.stderr
    env = {"PATH": os.environ["PATH"], "DATABASE_URL": f"sqlite:///{tmp_path}/haat.db"}
    seller_bot = str(tmp_path / ".venv/bin/seller-bot")
    for args in (["db", "upgrade"], ["health"]):
        result = subprocess.run([seller_bot, *args], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
    hindi = subprocess.run([seller_bot, "chat"], input="/start\n/quit\n", cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=120)
    assert "हिन्दी" in hindi.stdout, hindi.stdout + hindi.stderr


def test_env_example_names_every_setting() -> None:
    read = set(re.findall(r'get\("([A-Z_]+)"\)', (ROOT / "bot/settings.py").read_text()))
    assert len(read) >= 12
    example = set(re.findall(r"(?m)^([A-Z_]+)=", (DEPLOY / ".env.example").read_text()))
    assert read <= example, sorted(read - example)
