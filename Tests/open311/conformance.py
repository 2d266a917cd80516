"""Open311 GeoReport v2 conformance pass against a running Kerta.

Checks both formats, 0, 1 and many results, the XML single-element list, every error code the
specification assigns (400, 403, 404), and validates every JSON answer against the JSON Schemas in
schemas/ (written from the specification). Usage: conformance.py BASE_URL API_KEY
"""
import json
import pathlib
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET

import jsonschema

BASE, KEY = sys.argv[1].rstrip("/") + "/open311/v2", sys.argv[2]
SCHEMAS = {p.stem: json.loads(p.read_text()) for p in (pathlib.Path(__file__).parent / "schemas").glob("*.json")}
failures, checks = [], 0


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def call(method, path, data=None, headers=None, multipart=None):
    url = BASE + path
    body = None
    headers = dict(headers or {})
    if multipart is not None:
        boundary = "kerta" + uuid.uuid4().hex
        parts = []
        for name, value in multipart:
            if isinstance(value, tuple):
                filename, content = value
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode() + content + b"\r\n")
            else:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    elif data is not None:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read().decode()


def get(path, fmt="json", **params):
    query = ("?" + urllib.parse.urlencode(params)) if params else ""
    return call("GET", f"{path}.{fmt}{query}")


def expect_json(path, schema, expect_status=200, **params):
    code, ctype, body = get(path, "json", **params)
    check(code == expect_status, f"GET {path}.json {params}: status {code}, expected {expect_status}: {body[:200]}")
    check(ctype == "application/json; charset=utf-8", f"GET {path}.json: content type {ctype}")
    data = json.loads(body)
    try:
        jsonschema.validate(data, SCHEMAS[schema])
    except jsonschema.ValidationError as error:
        check(False, f"GET {path}.json {params}: {schema} schema: {error.message}")
    return data


def expect_xml(path, root, expect_status=200, **params):
    code, ctype, body = get(path, "xml", **params)
    check(code == expect_status, f"GET {path}.xml {params}: status {code}, expected {expect_status}")
    check(ctype == "text/xml; charset=utf-8", f"GET {path}.xml: content type {ctype}")
    check(body.startswith('<?xml version="1.0" encoding="utf-8"?>'), f"GET {path}.xml: no UTF-8 declaration")
    tree = ET.fromstring(body)
    check(tree.tag == root, f"GET {path}.xml: root <{tree.tag}>, expected <{root}>")
    return tree


def expect_error(method, path, status, data=None, fmt="json"):
    if method == "GET":
        code, ctype, body = call("GET", f"{path}.{fmt}")
    else:
        code, ctype, body = call("POST", f"{path}.{fmt}", data=data)
    check(code == status, f"{method} {path}.{fmt}: status {code}, expected {status}: {body[:200]}")
    if fmt == "json":
        errors = json.loads(body)
        try:
            jsonschema.validate(errors, SCHEMAS["errors"])
        except jsonschema.ValidationError as error:
            check(False, f"{method} {path}: error list: {error.message}")
        check(all(e["code"] == status for e in errors), f"{method} {path}: error codes {errors}")
    else:
        tree = ET.fromstring(body)
        check(tree.tag == "errors" and tree.find("error/code") is not None and tree.find("error/description") is not None,
              f"{method} {path}.xml: not an <errors><error><code/><description/> list")


# 1. Discovery in both formats.
discovery = expect_json("/discovery", "discovery")
check(any(e["specification"] == "http://wiki.open311.org/GeoReport_v2" and "text/xml" in e["formats"] and "application/json" in e["formats"]
          for e in discovery["endpoints"]), "discovery: a GeoReport v2 endpoint with both formats")
expect_xml("/discovery", "discovery")

# 2-3. Services and definitions; all six datatypes appear across the definitions.
services = expect_json("/services", "services")
check(len(services) > 10, "services: the city's categories")
xml_services = expect_xml("/services", "services")
check(len(xml_services.findall("service")) == len(services), "services: XML and JSON list the same services")
datatypes = set()
definitions = {}
for service in [s for s in services if s["metadata"]]:
    definition = expect_json(f"/services/{service['service_code']}", "service_definition")
    check(definition["service_code"] == service["service_code"], "definition echoes its service_code")
    orders = [a["order"] for a in definition["attributes"]]
    check(len(orders) == len(set(orders)), f"definition {service['service_code']}: unique orders")
    for a in definition["attributes"]:
        datatypes.add(a["datatype"])
        if a["datatype"].endswith("valuelist"):
            check(bool(a.get("values")), f"{a['code']}: list types have values")
    definitions[service["service_code"]] = definition
    expect_xml(f"/services/{service['service_code']}", "service_definition")
check(datatypes == {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}, f"all six datatypes are used: {datatypes}")
expect_error("GET", "/services/NO-SUCH-SERVICE", 404)
expect_error("GET", "/services/NO-SUCH-SERVICE", 404, fmt="xml")

# 4. Posting.
point = {"lat": "-8.6577", "long": "115.2166"}
road = {"service_code": "INFRA-JALAN", "description": "Lubang besar di depan Lapangan Puputan", "attribute[ukuran_lubang]": "besar", **point}
expect_error("POST", "/requests", 403, data=road)
expect_error("POST", "/requests", 403, data={**road, "api_key": "not-a-key"}, fmt="xml")
expect_error("POST", "/requests", 404, data={**road, "api_key": KEY, "service_code": "NO-SUCH-SERVICE"})
expect_error("POST", "/requests", 400, data={"api_key": KEY, "service_code": "INFRA-JALAN", "description": "Tanpa lokasi", "attribute[ukuran_lubang]": "besar"})
expect_error("POST", "/requests", 400, data={**road, "api_key": KEY, "description": "x" * 4001})
expect_error("POST", "/requests", 400, data={k: v for k, v in {**road, "api_key": KEY}.items() if k != "attribute[ukuran_lubang]"})
expect_error("POST", "/requests", 400, data={**road, "api_key": KEY, "attribute[ukuran_lubang]": "raksasa"})
expect_error("POST", "/requests", 400, data={"api_key": KEY, "service_code": "INFRA-LPJU", "description": "Lampu mati", **point, "attribute[jumlah_lampu]": "banyak"})
expect_error("POST", "/requests", 404, data={**road, "api_key": KEY, "jurisdiction_id": "bandung.go.id"})
posted = []
for fmt, extra in [("json", {}), ("json", {"jurisdiction_id": "denpasar.go.id", "first_name": "Made", "last_name": "Wira"}), ("xml", {})]:
    code, ctype, body = call("POST", f"/requests.{fmt}", data={**road, "api_key": KEY, **extra})
    check(code == 200, f"POST requests.{fmt}: status {code}: {body[:200]}")
    if fmt == "json":
        answer = json.loads(body)
        jsonschema.validate(answer, SCHEMAS["post_response"])
        posted.append(answer[0]["service_request_id"])
    else:
        tree = ET.fromstring(body)
        check(tree.tag == "service_requests" and len(tree.findall("request")) == 1, "POST requests.xml: one <request>")
        posted.append(tree.find("request/service_request_id").text)
code, _, body = call("POST", "/requests.json", data={"api_key": KEY, "service_code": "LINGK-SAMPAH", "description": "Sampah menumpuk",
                                                      "address_string": "Jl. Gatot Subroto, Dauh Puri Kaja, Denpasar Utara",
                                                      "attribute[jenis_sampah][]": ["plastik", "puing"]})
check(code == 200, f"POST by address_string with a multivaluelist: {code} {body[:200]}")
jpeg = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffe1000e4578696600004750533a3132ffdb004300" + "01" * 64 + "ffda0008010100003f00123456ffd9")
code, _, body = call("POST", "/requests.json", multipart=[("api_key", KEY), ("service_code", "INFRA-JALAN"), ("lat", "-8.6577"), ("long", "115.2166"),
                                                          ("description", "Dengan foto"), ("attribute[ukuran_lubang]", "kecil"), ("media", ("foto.jpg", jpeg))])
check(code == 200, f"POST multipart with media: {code} {body[:200]}")
with_photo = json.loads(body)[0]["service_request_id"] if code == 200 else None

# 5. A list of ids overrides every other filter.
listed = expect_json("/requests", "service_requests", service_request_id=",".join(posted[:2]), status="closed", service_code="AIR-MATI")
check(sorted(r["service_request_id"] for r in listed) == sorted(posted[:2]), f"service_request_id list: {[r['service_request_id'] for r in listed]}")

# 6. Filters, windows and caps.
open_ones = expect_json("/requests", "service_requests", status="open")
closed = expect_json("/requests", "service_requests", status="closed")
both = expect_json("/requests", "service_requests", status="open,closed")
check(all(r["status"] == "open" for r in open_ones) and all(r["status"] == "closed" for r in closed), "status filter")
check(len(both) == len(open_ones) + len(closed) and len(both) > 1, "open,closed is the union (and many results)")
check(len(both) <= 1000, "at most 1000 results")
codes = expect_json("/requests", "service_requests", service_code="INFRA-JALAN,LINGK-SAMPAH")
check(codes and all(r["service_code"] in ("INFRA-JALAN", "LINGK-SAMPAH") for r in codes), "service_code list")
code, _, _ = call("GET", "/requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-06-01T00:00:00%2B08:00")
check(code == 400, "a window over 90 days is refused")
code, _, _ = call("GET", "/requests.json?start_date=2026-11-01T08:00:00")
check(code == 400, "a date-time without its time zone is refused")
code, _, _ = call("GET", "/requests.json?status=pending")
check(code == 400, "an unknown status is refused")
paged = expect_json("/requests", "service_requests", page_size=2, page=1)
check(len(paged) == 2, "page_size extension")
near = expect_json("/requests", "service_requests", lat="-8.6577", long="115.2166", radius="100")
check(set(posted) <= {r["service_request_id"] for r in near}, "lat/long/radius extension finds the posted requests")
extended = expect_json("/requests", "service_requests", service_request_id=with_photo or posted[0], extensions="true")
check(extended and "extended_attributes" in extended[0] and "notes" in extended[0], "extensions=true adds extended attributes and notes")
if with_photo:
    check(extended[0].get("media_url", "").startswith("http") and extended[0]["extended_attributes"]["media_urls"], "media URLs of a request with a photo")

# 7. Datetimes carry their zone; updated is not before requested.
for r in both:
    check(r["updated_datetime"] >= r["requested_datetime"] or r["updated_datetime"][:10] >= r["requested_datetime"][:10], f"{r['service_request_id']}: updated before requested")

# 8. One request; the XML list of one, of none and of many.
one = expect_json(f"/requests/{posted[0]}", "service_requests")
check(len(one) == 1 and one[0]["service_request_id"] == posted[0], "requests/{id}: a list of one")
tree = expect_xml(f"/requests/{posted[0]}", "service_requests")
check(len(tree.findall("request")) == 1, "requests/{id}.xml: exactly one <request> inside <service_requests>")
none = expect_xml("/requests", "service_requests", service_request_id="PRO-1999-000001")
check(len(none.findall("request")) == 0, "no results: an empty <service_requests>")
check(expect_json("/requests", "service_requests", service_request_id="PRO-1999-000001") == [], "no results: []")
many = expect_xml("/requests", "service_requests", status="open,closed")
check(len(many.findall("request")) == len(both), "many results: XML and JSON agree")
expect_error("GET", "/requests/PRO-1999-000001", 404)
expect_error("GET", "/requests/PRO-1999-000001", 404, fmt="xml")
expect_error("GET", "/tokens/abc", 404)

# 9. An empty optional parameter behaves as absent.
check(expect_json("/requests", "service_requests", status="", service_code="", start_date="", page="") == both, "empty parameters are absent")

# 10. XML and JSON say the same.
xml_one = {child.tag: child.text for child in tree.find("request")}
for key, value in one[0].items():
    if isinstance(value, (str, int, float)):
        check(str(xml_one.get(key)) == (str(value) if not isinstance(value, float) else xml_one.get(key)) or float(xml_one.get(key, "nan")) == value,
              f"XML and JSON differ on {key}")

# Jurisdictions, and mySociety's updates.
expect_json("/services", "services", jurisdiction_id="denpasar.go.id")
code, _, _ = call("GET", "/services.json?jurisdiction_id=bandung.go.id")
check(code == 404, "another jurisdiction is not found")
expect_json("/servicerequestupdates", "service_request_updates")
expect_xml("/servicerequestupdates", "service_request_updates")

print(f"open311 conformance: {checks - len(failures)} of {checks} checks passed")
sys.exit(1 if failures else 0)
