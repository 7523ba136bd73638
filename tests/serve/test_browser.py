"""A real browser (Debian's headless Chromium, driven by Selenium through Debian's
chromium-driver; nothing is downloaded) uses `mi-trainer serve`: signs in, practises two
lines, sees the family member answer and the codes, ends, sees the summary; then a manager
sees their team's session and not another team's. Screenshots go to out/browser-test/.

The screen is an xterm canvas, so what the browser was sent is read from the app's
websocket inside the page (a listener added before the page loads), escape codes removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from mi_trainer.accounts import AccountStore
from mi_trainer.storage import SessionStore
from mi_trainer.transcript import Transcript, Turn

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "tests" / "tui" / "fixtures" / "scenarios"
OUT = Path(os.environ.get("MI_TRAINER_TEST_OUTPUT", ROOT / "out")) / "browser-test"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PASSWORD = "correct horse battery"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,800",
)

# Collects every frame the app sends to this page, as text (before textual.js sees it).
RECORD_WEBSOCKET = """
(() => {
  const Real = window.WebSocket;
  const decoder = new TextDecoder();
  window.__screen = [];
  window.WebSocket = function (url, protocols) {
    const socket = new Real(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__screen.push(decoder.decode(event.data, {stream: true}));
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Real.prototype;
  Object.assign(window.WebSocket, Real);
})();
"""
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P_][^\x07\x1b]*(\x07|\x1b\\)|\x1b.")


def require_browser() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(
            f"Missing {', '.join(missing)}: install Debian's packages with "
            "`apt-get install -y chromium chromium-driver` (make test does this as root)."
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    folder = tmp_path_factory.mktemp("served")
    db = folder / "service.db"
    with SessionStore.open(db) as store:
        accounts = AccountStore(store)
        accounts.add("Sam Jones", "North", "practitioner", PASSWORD)
        accounts.add("Maria Lopez", "North", "manager", PASSWORD)
        accounts.add("Olu Ade", "South", "practitioner", PASSWORD)
        other_team = Transcript(
            turns=[Turn(0, "practitioner", "How are things at home?")],
            scenario_id="kerry-school",
            scenario_title="Kerry: the school is worried",
            practitioner="Olu Ade",
            team="South",
            started_at="2026-02-01T09:00:00+00:00",
        )
        store.start_session(other_team)
    port = free_port()
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mi_trainer",
            "--db",
            str(db),
            "--scenarios",
            str(SCENARIOS),
            "serve",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            break
        time.sleep(0.1)
    else:
        process.kill()
        pytest.fail(f"the server did not start: {(folder / 'serve.log').read_text()}")
    yield f"http://127.0.0.1:{port}", db
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@contextlib.contextmanager
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="mi-trainer-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_WEBSOCKET})
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screen_text(driver) -> str:
    return ESCAPES.sub("", driver.execute_script("return (window.__screen || []).join('')"))


def wait_for_text(driver, *texts: str, timeout: float = 40) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = screen_text(driver)
        if all(t in seen for t in texts):
            return seen
        time.sleep(0.2)
    raise AssertionError(f"never shown: {texts}; last screen text: {screen_text(driver)[-2000:]}")


def shot(driver, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 1000, f"{path} is empty"
    return path


def sign_in(driver, url: str, name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url + "/")
    assert driver.current_url.endswith("/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    deadline = time.monotonic() + 10
    while not driver.find_elements(By.CSS_SELECTOR, ".xterm-helper-textarea"):
        assert time.monotonic() < deadline, "the app did not open after signing in"
        time.sleep(0.1)
    assert name in driver.find_element(By.ID, "who").text


def keys(driver, *sequence: str) -> None:
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
    for item in sequence:
        box.send_keys(item)
        time.sleep(0.15)


def test_a_practitioner_practises_in_the_browser_and_a_manager_reviews(server):
    from selenium.webdriver.common.keys import Keys

    url, db = server
    shots = []
    with browser() as driver:
        sign_in(driver, url, "Sam Jones")
        wait_for_text(driver, "Signed in as Sam Jones", "Ready. Enter starts a session.")
        shots.append(shot(driver, "1-signed-in"))
        keys(driver, Keys.ENTER)
        wait_for_text(driver, "Type what you say")
        keys(driver, "What would a good week look like for you and the children?", Keys.ENTER)
        keys(driver, "You're worried the school will call again.", Keys.ENTER)
        with SessionStore.open(db) as store:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                [mine] = store.list_sessions(practitioner="Sam Jones") or [None]
                if mine is not None and mine.practitioner_turns == 2:
                    break
                time.sleep(0.2)
            transcript = store.load(mine.session_id)
        replies = [t.text for t in transcript.turns if t.speaker != "practitioner" and t.text]
        assert replies, "the family member answered"
        from mi_trainer.coding.codes import CODE_LABELS

        labels = {CODE_LABELS[t.coded.code] for t in transcript.turns if t.coded is not None}
        seen = wait_for_text(driver, *labels)  # the codes, as the chips show them
        # The last answer is on the screen (its first words: long lines wrap in the bubble).
        assert " ".join(replies[-1].split()[:3]) in " ".join(seen.split())
        shots.append(shot(driver, "2-two-lines-answered-and-coded"))
        keys(driver, Keys.CONTROL + "e")
        time.sleep(0.5)
        keys(driver, "y")
        wait_for_text(driver, "Summary:")
        shots.append(shot(driver, "3-summary"))
        with SessionStore.open(db) as store:
            [done] = store.list_sessions(practitioner="Sam Jones")
            assert (done.status, done.team) == ("complete", "North")

    with browser() as driver:
        sign_in(driver, url, "Maria Lopez")
        wait_for_text(driver, "Signed in as Maria Lopez")
        keys(driver, Keys.F2)
        wait_for_text(driver, "Sam Jones", "History")
        time.sleep(1.0)
        seen = screen_text(driver)
        shots.append(shot(driver, "4-manager-history"))
        assert "Olu Ade" not in seen  # another team's practice stays out of sight
    assert all(p.stat().st_size > 1000 for p in shots)
