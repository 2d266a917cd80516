"""Browser tests of the command center (/command, its wall display, the alarm load page) and of the public
live feed (/live), against the demo: operators watch the live map and feed, move alarms, and the pages fit
a laptop and a video wall in both languages without a console error or a serious accessibility problem."""
import json
import re
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BASE, api, console_errors, shot, token

OPERATOR = "operator@kerta.example"
SUPERVISOR = "pimpinan@kerta.example"
CITIZEN = "warga@kerta.example"
LAPTOP = (1366, 768)
WALL = (1920, 1080)


def wait(driver, condition, timeout=15):
    """Waits through redraws: an element read while the page replaces it is simply read again."""
    return WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException, NoSuchElementException]).until(condition)


def sign_in(driver, email, next_path="/command"):
    driver.get(f"{BASE}/login?next={next_path}")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys("kerta-demo")
    driver.find_element(By.CSS_SELECTOR, "form.narrow button[type=submit]").click()
    wait(driver, lambda d: "/login" not in d.current_url and next_path.split("?")[0] in d.current_url, timeout=20)


def viewport(driver, size):
    """The page's own viewport exactly (a headless window's size is not its viewport's)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False})


def connection_state(driver):
    return driver.execute_script("var e = document.getElementById('connection-state'); return e ? e.getAttribute('data-state') : null;")


def wait_live(driver):
    wait(driver, lambda d: connection_state(d) == "live", timeout=15)


def submit_complaint(description):
    """A public report through the API, as a resident's phone would send it."""
    created = api("/api/v1/complaints", data={"category": "INFRA-JALAN", "description": description, "lat": -8.6577, "lon": 115.2166,
                                              "visibility": "public", "reporter": {"name": "Made Uji", "email": "made.uji@example.id"}})
    assert re.match(r"^PRO-\d{4}-\d+$", created["ticket"]), created
    return created["ticket"]


def post_json(path, bearer, data):
    """POST with a bearer token, answering (status, JSON) for refusals too (conftest's api() raises on them)."""
    request = urllib.request.Request(BASE + path, data=json.dumps(data).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Accept": "application/json", "Authorization": f"Bearer {bearer}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def alarms(bearer):
    return api("/api/v1/alarms", bearer)["alarms"]


def alarm_by_id(bearer, alarm_id):
    return next((a for a in alarms(bearer) if a["id"] == alarm_id), None)


def alarm_element(driver, alarm_id):
    """The alarm's element in the panel, its group opened when a flood shows alarms grouped by type."""
    element = driver.execute_script("""
        var id = arguments[0], found = null;
        document.querySelectorAll('#alarm-panel [data-alarm-id]').forEach(function (e) { if (e.getAttribute('data-alarm-id') === id) found = e; });
        if (found) { var group = found.closest('details:not(.cc-shelve)'); if (group) group.open = true; }
        return found;""", alarm_id)
    if element is None:
        raise NoSuchElementException(alarm_id)
    return element


def alarm_state(driver, alarm_id):
    return driver.execute_script("""
        var id = arguments[0], state = null;
        document.querySelectorAll('#alarm-panel [data-alarm-id]').forEach(function (e) { if (e.getAttribute('data-alarm-id') === id) state = e.getAttribute('data-alarm-state'); });
        return state;""", alarm_id)


def press_move(driver, alarm_id, move):
    """Presses the move's button as a person would; the panel may redraw meanwhile (a live update), when
    the button is looked up again."""
    def press(d):
        button = alarm_element(d, alarm_id).find_element(By.CSS_SELECTOR, f"form[data-move='{move}'] button[type=submit]")
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        return True
    wait(driver, press)


def open_alarm_with(driver, alarm_type=None, move="acknowledged"):
    """The id of an open alarm the panel offers `move` for (of `alarm_type` when given)."""
    selector = "#alarm-panel [data-alarm-state=open]" + (f"[data-alarm-type={alarm_type}]" if alarm_type else "")
    return wait(driver, lambda d: d.execute_script("""
        var list = document.querySelectorAll(arguments[0]);
        for (var i = 0; i < list.length; i++) if (list[i].querySelector("form[data-move='" + arguments[1] + "']")) return list[i].getAttribute('data-alarm-id');
        return null;""", selector, move))


def overflow(driver):
    """What sticks out sideways: the page's own width beyond the viewport, and any visible element of the
    header, the key figures and the side panels whose right edge passes the viewport's (the map's panes
    extend beyond their box by design and are clipped by it)."""
    return driver.execute_script("""
        var problems = [], width = window.innerWidth;
        if (document.documentElement.scrollWidth > width) problems.push('page ' + document.documentElement.scrollWidth + ' > ' + width);
        document.querySelectorAll('.cc-top *, #kpi-strip *, .cc-side *, #map-layers *, #event-detail *').forEach(function (e) {
          if (e.closest('.visually-hidden, .skip, [hidden]')) return;
          var r = e.getBoundingClientRect();
          if (r.width > 0 && r.height > 0 && r.right > width + 1) problems.push((e.id || e.className || e.tagName) + ' ends at ' + Math.round(r.right));
        });
        return problems;""")


def test_an_operator_watches_the_city_live_and_sees_a_new_report_arrive(browser):
    driver = browser("desktop")
    # The clock shows Denpasar's time whatever the browser's own zone.
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "America/New_York"})
    sign_in(driver, OPERATOR)
    viewport(driver, LAPTOP)
    for element_id in ["command-map", "event-feed", "event-detail", "alarm-panel", "kpi-strip", "wita-clock", "connection-state"]:
        assert driver.find_elements(By.ID, element_id), f"#{element_id} is on the page"
    kpis = set(driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#kpi-strip [data-kpi]'), function (e) { return e.getAttribute('data-kpi'); });"))
    assert {"complaints_today", "waiting_verification", "overdue", "open_alarms", "mtta"} <= kpis, kpis
    wait_live(driver)
    assert driver.find_element(By.CSS_SELECTOR, "#connection-state").text.strip(), "the connection's state is said in words"
    if driver.execute_script("return document.documentElement.getAttribute('data-leaflet')"):
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#command-map.leaflet-container path"))  # boundaries drawn

    clock = driver.find_element(By.ID, "wita-clock").text
    match = re.fullmatch(r"(\d{2})[.:](\d{2})[.:](\d{2}) WITA", clock)
    assert match, f"the clock reads HH.MM.SS WITA, not {clock!r}"
    wita_now = datetime.now(timezone.utc) + timedelta(hours=8)
    shown = wita_now.replace(hour=int(match[1]), minute=int(match[2]), second=int(match[3]))
    drift = abs((shown - wita_now).total_seconds())
    assert min(drift, 86400 - drift) < 120, f"the clock shows {clock}, WITA is {wita_now:%H:%M:%S}"
    wait(driver, lambda d: d.find_element(By.ID, "wita-clock").text != clock, timeout=3)

    driver.execute_script("window.kertaNoReload = true;")
    # The map counts the open complaints in view; the new one joins the count without a reload.
    def settled_total(d):
        """The count once the map has stopped moving (a resize or a fitted view reloads the layer for a new box)."""
        first = d.find_element(By.ID, "command-map").get_attribute("data-total-complaints")
        time.sleep(2)
        second = d.find_element(By.ID, "command-map").get_attribute("data-total-complaints")
        return (int(second),) if first and first == second else None
    (before,) = wait(driver, settled_total, timeout=20)
    ticket = submit_complaint(f"Jalan berlubang di depan pasar, uji pusat komando {uuid.uuid4().hex[:6]}")

    def feed_item(d):
        for item in d.find_elements(By.CSS_SELECTOR, "#event-feed [data-event-id]"):
            if ticket in item.text:
                return item
        return None
    item = wait(driver, feed_item, timeout=15)
    assert driver.execute_script("return window.kertaNoReload === true;"), "the event arrived without a reload"
    wait(driver, lambda d: int(d.find_element(By.ID, "command-map").get_attribute("data-total-complaints") or 0) > before, timeout=20)
    ids = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#event-feed [data-event-id]'), function (e) { return parseInt(e.getAttribute('data-event-id'), 10); });")
    assert ids == sorted(ids, reverse=True), f"the feed is newest first: {ids[:10]}"
    shot(driver, "command-laptop-id-event")
    item.click()
    detail = wait(driver, lambda d: d.find_element(By.ID, "event-detail") if d.find_element(By.ID, "event-detail").is_displayed() and ticket in d.find_element(By.ID, "event-detail").text else None)
    links = [a.get_attribute("href") for a in detail.find_elements(By.TAG_NAME, "a")]
    assert any(href and href.endswith(f"/console/complaints/{ticket}") for href in links), f"the detail links to the workspace: {links}"
    shot(driver, "command-laptop-id-detail")
    assert not console_errors(driver)


def test_an_operator_acknowledges_then_resolves_an_overdue_alarm(browser):
    driver = browser("desktop")
    sign_in(driver, OPERATOR)
    viewport(driver, LAPTOP)
    wait_live(driver)
    alarm_id = open_alarm_with(driver, "complaint_overdue", "acknowledged")
    assert alarm_id, "the demo raised an open overdue-complaint alarm the operator may acknowledge"
    priority = wait(driver, lambda d: alarm_element(d, alarm_id).find_element(By.CSS_SELECTOR, ".cc-prio").text.strip())
    assert priority, "the priority is a word, not a colour alone"
    driver.execute_script("window.kertaNoReload = true;")
    press_move(driver, alarm_id, "acknowledged")
    wait(driver, lambda d: alarm_state(d, alarm_id) == "acknowledged")
    shot(driver, "command-laptop-id-acknowledged")
    press_move(driver, alarm_id, "resolved")
    wait(driver, lambda d: alarm_state(d, alarm_id) == "resolved")
    assert driver.execute_script("return window.kertaNoReload === true;"), "the moves were made without reloading the page"
    found = alarm_by_id(token(OPERATOR), alarm_id)
    assert found is not None and found["state"] == "resolved", found


def test_an_alarm_move_works_without_javascript(browser):
    driver = browser("desktop", javascript=False)
    sign_in(driver, OPERATOR)
    alarm_id = open_alarm_with(driver, None, "acknowledged")
    assert alarm_id
    driver.find_element(By.CSS_SELECTOR, f"[data-alarm-id='{alarm_id}'] form[data-move=acknowledged] button[type=submit]").click()
    wait(driver, lambda d: "/command" in d.current_url and alarm_state(d, alarm_id) == "acknowledged")
    assert alarm_by_id(token(OPERATOR), alarm_id)["state"] == "acknowledged"


def test_a_refused_move_is_explained_beside_its_form(browser):
    driver = browser("desktop")
    sign_in(driver, OPERATOR)
    wait_live(driver)
    alarm_id = open_alarm_with(driver, None, "shelved")
    time.sleep(1)  # the panel's first redraw, after the stream opened

    def open_form(d):
        shelve = alarm_element(d, alarm_id).find_element(By.CSS_SELECTOR, ".cc-shelve")
        if not shelve.get_attribute("open"):
            shelve.find_element(By.TAG_NAME, "summary").click()
        form = shelve.find_element(By.CSS_SELECTOR, "form[data-move=shelved]")
        reason = form.find_element(By.NAME, "reason")
        assert reason.get_attribute("required") is not None, "a reason is required before the form is sent"
        # Past the browser's own check, the server refuses a blank reason and says why beside the form.
        d.execute_script("arguments[0].noValidate = true; arguments[1].value = '  ';", form, reason)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        return True
    wait(driver, open_form)
    alert = wait(driver, lambda d: alarm_element(d, alarm_id).find_element(By.CSS_SELECTOR, "[role=alert]"))
    assert alert.text.strip(), "the refusal is said in words"
    assert alarm_state(driver, alarm_id) == "open" and alarm_by_id(token(OPERATOR), alarm_id)["state"] == "open"


def test_a_shelved_alarm_comes_back_when_its_time_is_up(browser):
    bearer = token(OPERATOR)
    alarm = next((a for a in alarms(bearer) if a["state"] == "open" and "shelved" in a.get("moves", [])), None)
    assert alarm, "an open alarm the operator may shelve"
    until = datetime.now(timezone.utc) + timedelta(seconds=3)
    status, shelved = post_json(f"/api/v1/alarms/{alarm['id']}/transitions", bearer, {"to": "shelved", "reason": "Uji coba", "until": until.strftime("%Y-%m-%dT%H:%M:%SZ")})
    assert status == 200, (status, shelved)
    assert shelved.get("alarm", shelved)["state"] == "shelved", shelved
    assert alarm_by_id(bearer, alarm["id"])["state"] == "shelved"
    time.sleep(max(0.0, (until - datetime.now(timezone.utc)).total_seconds()) + 2)
    deadline = time.time() + 10
    while (found := alarm_by_id(bearer, alarm["id"])) and found["state"] != "open" and time.time() < deadline:
        time.sleep(1)
    assert found and found["state"] == "open", f"the alarm is open again once its shelving ended: {found}"
    driver = browser("desktop")
    sign_in(driver, OPERATOR)
    assert wait(driver, lambda d: alarm_state(d, alarm["id"])) == "open"


def test_the_wall_and_the_laptop_fit_their_screens_in_both_languages(browser):
    for language in ["id", "en"]:
        driver = browser("desktop", language=language)
        sign_in(driver, OPERATOR)
        driver.get(f"{BASE}/lang/{language}?next=/command")
        for wall, size, name in [(False, LAPTOP, "laptop"), (True, WALL, "wall")]:
            viewport(driver, size)
            driver.get(f"{BASE}/command" + ("?wall=1" if wall else ""))
            assert driver.execute_script("return document.documentElement.lang") == language
            wait_live(driver)
            wait(driver, lambda d: d.execute_script("return !document.documentElement.getAttribute('data-leaflet') || !!document.querySelector('#command-map.leaflet-container');"))
            time.sleep(1.5)  # boundaries and the layer's points
            assert driver.execute_script("return [window.innerWidth, window.innerHeight]") == list(size)
            problems = overflow(driver)
            assert not problems, f"{language} {name}: " + "; ".join(problems[:10])
            map_box = driver.execute_script("var r = document.getElementById('command-map').getBoundingClientRect(); return [r.width, r.height];")
            assert map_box[0] >= size[0] * 0.45 and map_box[1] >= size[1] * 0.5, f"{language} {name}: the map fills the screen, not {map_box}"
            assert driver.execute_script("return document.documentElement.scrollHeight") <= size[1] + 1, f"{language} {name}: the page does not scroll"
            if wall:
                assert not driver.find_elements(By.CSS_SELECTOR, "#alarm-panel form"), "the wall has no forms in the alarm panel"
                assert not driver.find_elements(By.CSS_SELECTOR, "form, select, input"), "the wall has no controls"
                assert driver.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)") >= 18, "the wall's type is larger"
            else:
                assert driver.find_elements(By.CSS_SELECTOR, "#alarm-panel form[data-move]"), "the operator's panel offers the alarm moves"
            shot(driver, f"command-{name}-{language}")


def axe_source():
    import os
    import zipfile
    with zipfile.ZipFile(os.environ.get("KERTA_AXE_WHEEL")) as archive:
        return archive.read("axe_playwright_python/axe.min.js").decode()


def axe_problems(driver, label):
    driver.execute_script(axe_source())
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0].target}))));""")
    return [f"{label}: {v['id']} ({v['impact']}) at {v['target']}" for v in result if v["impact"] in ("serious", "critical")]


def test_the_command_pages_pass_axe_core(browser):
    problems = []
    for language in ["id", "en"]:
        operator = browser("desktop", language=language)
        sign_in(operator, OPERATOR)
        operator.get(f"{BASE}/lang/{language}?next=/command")
        for path, size in [("/command", LAPTOP), ("/command?wall=1", WALL)]:
            viewport(operator, size)
            operator.get(f"{BASE}{path}")
            wait_live(operator)
            time.sleep(1.5)
            problems += axe_problems(operator, f"{language} {path}")
        supervisor = browser("desktop", language=language)
        sign_in(supervisor, SUPERVISOR, next_path="/command/alarm-load")
        supervisor.get(f"{BASE}/lang/{language}?next=/command/alarm-load")
        problems += axe_problems(supervisor, f"{language} /command/alarm-load")
        visitor = browser("desktop", language=language)
        visitor.get(f"{BASE}/lang/{language}?next=/live")
        wait_live(visitor)
        problems += axe_problems(visitor, f"{language} /live")
    assert not problems, "\n".join(problems)


def test_only_the_command_room_may_open_the_command_center(browser):
    citizen = browser("desktop")
    sign_in(citizen, CITIZEN)
    assert not citizen.find_elements(By.ID, "command-map") and not citizen.find_elements(By.ID, "alarm-panel"), "a citizen sees no command center"
    assert "data-alarm-id" not in citizen.page_source
    visitor = browser("desktop")
    visitor.get(f"{BASE}/command")
    wait(visitor, lambda d: "/login" in d.current_url)
    assert not visitor.find_elements(By.ID, "command-map")


def test_the_supervisor_reads_the_alarm_load(browser):
    driver = browser("desktop")
    sign_in(driver, SUPERVISOR, next_path="/command/alarm-load")
    table = driver.find_element(By.ID, "load-figures")
    assert table.find_element(By.TAG_NAME, "caption").text.strip()
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody th[scope=row]")) >= 6
    assert driver.find_element(By.ID, "load-verdict").text.strip(), "the page says how the load compares with EEMUA 191"
    assert driver.find_elements(By.CSS_SELECTOR, "main a[href='/command']"), "a link back to the command center"
    shot(driver, "desktop-id-alarm-load")


def test_the_public_sees_new_reports_live(browser):
    driver = browser("desktop")
    driver.get(f"{BASE}/live")
    wait_live(driver)
    ticket = submit_complaint(f"Trotoar ambles di depan sekolah, uji kabar langsung {uuid.uuid4().hex[:6]}")

    def arrived(d):
        for item in d.find_elements(By.CSS_SELECTOR, "#live-feed li"):
            if ticket in item.text:
                return item
        return None
    item = wait(driver, arrived, timeout=15)
    assert item.find_element(By.TAG_NAME, "a").get_attribute("href").endswith(f"/complaints/{ticket}")
    assert item.find_element(By.CSS_SELECTOR, ".cc-kind").text.strip(), "what happened is said in words"
    shot(driver, "desktop-id-live")
    assert not console_errors(driver)
    quiet = browser("desktop", javascript=False)
    quiet.get(f"{BASE}/live")
    assert quiet.find_elements(By.CSS_SELECTOR, "#live-feed li"), "without the script the recent events are listed"
    assert ticket in quiet.find_element(By.ID, "live-feed").text, "the report just made is among them"


def test_the_command_pages_log_no_errors_in_the_browser_console(browser):
    driver = browser("desktop")
    sign_in(driver, OPERATOR)
    console_errors(driver)
    problems = []
    for path in ["/command", "/command?wall=1"]:
        driver.get(f"{BASE}{path}")
        wait_live(driver)
        time.sleep(2)  # the map, its boundaries and layers, the alarms and figures load after the page
        problems += [f"{path}: {message}" for message in console_errors(driver)]
    supervisor = browser("desktop")
    sign_in(supervisor, SUPERVISOR, next_path="/command/alarm-load")
    time.sleep(0.5)
    problems += [f"/command/alarm-load: {message}" for message in console_errors(supervisor)]
    visitor = browser("desktop")
    visitor.get(f"{BASE}/live")
    wait_live(visitor)
    time.sleep(1)
    problems += [f"/live: {message}" for message in console_errors(visitor)]
    assert not problems, "\n".join(problems)
