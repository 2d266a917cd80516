#!/usr/bin/env python3
"""Publishes a chain of public warnings through Kerta's JSON API, checking the two-person rule from outside.

    python3 Tests/sensors/publish_warnings.py BASE_URL

Signs in as the demo's operator and supervisor (POST /api/v1/auth/token), then: the operator drafts an Alert
(POST /api/v1/warnings); the operator may not approve it (403) nor publish it unapproved (409); a supervisor
who drafts one may not approve their own either (403, withdrawn afterwards); the supervisor approves the
Alert and the operator publishes it; an Update of it is drafted, approved and published, which supersedes the
Alert; a Cancel of the Update likewise, which cancels the Update. Afterwards the feed (/alerts.atom) holds
the three new messages, for Tests/sensors/cap_check.py to validate.

Prints `ok <what>` or `FAIL <what>: reason`, then `publish-warnings: N passed, M failed`; exits 1 on any
failure. Standard library only.
"""

import datetime
import json
import sys
import urllib.error
import urllib.request

if len(sys.argv) != 2:
    print("usage: publish_warnings.py BASE_URL", file=sys.stderr)
    sys.exit(2)
BASE = sys.argv[1].rstrip("/")
PASSWORD = "kerta-demo"  # Sources/KertaPlatform/Accounts/DemoAccount.swift
OPERATOR, SUPERVISOR = "operator@kerta.example", "pimpinan@kerta.example"
# Pasar Badung and Kumbasari (the demo gauge RIV-01's banks) and two of their desa.
CIRCLE = "-8.6569,115.2126 1"
POLYGON = "-8.653,115.210 -8.653,115.215 -8.660,115.215 -8.660,115.210"
DESA = "5171031007,5171032006"
passed = failed = 0


class Refused(Exception):
    """An answer other than the one expected; the message names the request and the answer."""


def report(what, failure=None):
    global passed, failed
    if failure is None:
        passed += 1
        print(f"ok {what}")
    else:
        failed += 1
        print(f"FAIL {what}: {failure}")


def call(method, path, token=None, body=None):
    """(status, decoded JSON or text) of a request to the server."""
    headers = {"Accept": "application/json"}
    data = None
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    text = raw.decode("utf-8", "replace")
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def expect(method, path, status, token=None, body=None):
    got, answer = call(method, path, token, body)
    if got != status:
        sent = f" with {json.dumps(body)}" if body is not None else ""
        raise Refused(f"{method} {path}{sent} -> HTTP {got}, expected {status}: {json.dumps(answer)[:400]}")
    return answer


def error_code(answer):
    return answer.get("error", {}).get("code") if isinstance(answer, dict) else None


def step(what, action):
    """Runs one check; returns its value, or None after reporting the failure."""
    try:
        value = action()
        report(what)
        return value
    except Refused as failure:
        report(what, str(failure))
    except (AssertionError, KeyError, TypeError, ValueError) as failure:
        report(what, f"{type(failure).__name__}: {failure}")
    except (urllib.error.URLError, OSError) as failure:
        report(what, f"cannot reach {BASE}: {getattr(failure, 'reason', failure)}")
    return None


def token(email):
    answer = expect("POST", "/api/v1/auth/token", 200, body={"email": email, "password": PASSWORD})
    assert isinstance(answer.get("token"), str) and answer["token"], f"no token in {answer}"
    return answer["token"]


def server_now():
    """The server's clock (GET /health), so expiry times are in its future even if the clocks differ."""
    answer = expect("GET", "/health", 200)
    return datetime.datetime.fromisoformat(answer["time"].replace("Z", "+00:00"))


def wita(moment):
    """A WITA wall time as the page's datetime-local field sends it."""
    return moment.astimezone(datetime.timezone(datetime.timedelta(hours=8))).strftime("%Y-%m-%dT%H:%M")


def draft(who, body, msg_type):
    answer = expect("POST", "/api/v1/warnings", 201, who, body)
    assert answer.get("state") == "draft", f"state {answer.get('state')!r}, expected 'draft'"
    assert answer.get("msg_type") == msg_type, f"msg_type {answer.get('msg_type')!r}, expected {msg_type!r}"
    assert answer.get("identifier") is None, f"a draft has identifier {answer.get('identifier')!r}"
    return answer


def move(warning_id, action, who, status=200, code=None, state=None):
    answer = expect("POST", f"/api/v1/warnings/{warning_id}/{action}", status, who)
    if code is not None:
        assert error_code(answer) == code, f"error code {error_code(answer)!r}, expected {code!r}: {answer}"
    if state is not None:
        assert answer.get("state") == state, f"state {answer.get('state')!r}, expected {state!r}"
    return answer


def published(warning_id, who):
    answer = move(warning_id, "publish", who, state="published")
    assert answer.get("identifier"), f"no CAP identifier after publishing: {answer}"
    assert answer.get("cap_url") == f"/alerts/{answer['identifier']}.cap", f"cap_url {answer.get('cap_url')!r}"
    return answer


def same(got, expected, what):
    assert got == expected, f"{what} is {got!r}, expected {expected!r}"


def states():
    """Every warning's state by id, as the command room's list shows them."""
    answer = expect("GET", "/api/v1/warnings", 200, operator)
    return {w["id"]: w["state"] for w in answer["warnings"]}


operator = step(f"token for {OPERATOR}", lambda: token(OPERATOR))
supervisor = step(f"token for {SUPERVISOR}", lambda: token(SUPERVISOR))
now = step("server time from /health", server_now)
if not (operator and supervisor and now):
    print(f"publish-warnings: {passed} passed, {failed + 1} failed (cannot go on)")
    sys.exit(1)

alert_body = {
    "msg_type": "Alert",
    "headline_id": "Siaga: banjir Tukad Badung di Pasar Badung",
    "headline_en": "Alert: flooding of Tukad Badung at Pasar Badung",
    "instruction_id": "Pindahkan barang dari basement dan kios tepi sungai; bersiap mengungsi ke tempat tinggi.",
    "instruction_en": "Move goods out of basements and riverside stalls; be ready to move to high ground.",
    "description_id": "Tinggi muka air naik cepat setelah hujan lebat di hulu.",
    "description_en": "The water is rising fast after heavy rain upstream.",
    "urgency": "Expected", "severity": "Severe", "certainty": "Likely", "response_type": "Prepare",
    "area_description": "Bantaran Tukad Badung: Pasar Badung dan Pasar Kumbasari",
    "circle": CIRCLE, "desa_codes": DESA,
    "expires": wita(now + datetime.timedelta(hours=6)),  # WITA wall time, as the page's form sends it
}
alert = step("operator drafts an Alert (201, draft)", lambda: draft(operator, alert_body, "Alert"))
if alert:
    step("two-person rule: the operator who drafted it cannot approve it (403 approver_role)",
         lambda: move(alert["id"], "approve", operator, 403, code="approver_role"))
    step("two-person rule: publishing before approval is refused (409 not_approved)",
         lambda: move(alert["id"], "publish", operator, 409, code="not_approved"))


def own_approval():
    own = draft(supervisor, dict(alert_body, headline_id="Uji: draf pimpinan", headline_en="Test: a supervisor's draft"), "Alert")
    move(own["id"], "approve", supervisor, 403, code="two_person_rule")
    move(own["id"], "withdraw", supervisor, state="withdrawn")


step("two-person rule: a supervisor cannot approve their own draft (403 two_person_rule; withdrawn)", own_approval)

first = None
if alert:
    if step("supervisor approves the Alert", lambda: move(alert["id"], "approve", supervisor, state="approved")):
        first = step("operator publishes the Alert", lambda: published(alert["id"], operator))

update = None
if first:
    update_body = dict(alert_body, msg_type="Update", references=first["id"], urgency="Immediate", response_type="Evacuate",
                       headline_id="Awas: banjir Tukad Badung di Pasar Badung", headline_en="Warning: flooding of Tukad Badung at Pasar Badung",
                       instruction_id="Segera tinggalkan basement dan kios tepi sungai; menuju tempat tinggi.",
                       instruction_en="Leave basements and riverside stalls now; go to high ground.",
                       circle="", polygon=POLYGON,
                       expires=(now + datetime.timedelta(hours=8)).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    drafted = step("operator drafts an Update of the Alert (references it)", lambda: draft(operator, update_body, "Update"))
    if drafted:
        step("the Update names the Alert it updates", lambda: same(drafted.get("references_id"), first["id"], "references_id"))
        if step("supervisor approves the Update", lambda: move(drafted["id"], "approve", supervisor, state="approved")):
            update = step("operator publishes the Update", lambda: published(drafted["id"], operator))
    if update:
        step("the Alert is superseded by the Update", lambda: same(states().get(first["id"]), "superseded", "the Alert's state"))

cancel = None
if update:
    cancel_body = {"msg_type": "Cancel", "references": update["id"],
                   "headline_id": "Peringatan banjir Tukad Badung dicabut", "headline_en": "Flood warning for Tukad Badung cancelled"}
    drafted = step("operator drafts a Cancel of the Update (the rest taken from it)", lambda: draft(operator, cancel_body, "Cancel"))
    if drafted and step("supervisor approves the Cancel", lambda: move(drafted["id"], "approve", supervisor, state="approved")):
        cancel = step("operator publishes the Cancel", lambda: published(drafted["id"], operator))
    if cancel:
        step("the Update is cancelled", lambda: same(states().get(update["id"]), "cancelled", "the Update's state"))


def in_feed():
    request = urllib.request.Request(BASE + "/alerts.atom")
    with urllib.request.urlopen(request, timeout=30) as response:
        feed = response.read().decode()
    missing = [w["identifier"] for w in (first, update, cancel) if w["identifier"] not in feed]
    assert not missing, f"/alerts.atom lacks {missing}"


if cancel:
    step("/alerts.atom lists the Alert, the Update and the Cancel", in_feed)

print(f"publish-warnings: {passed} passed, {failed} failed")
sys.exit(1 if failed or not cancel else 0)
