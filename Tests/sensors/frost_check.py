#!/usr/bin/env python3
"""Outside check of Kerta's SensorThings API 1.1 with Fraunhofer IOSB's own client, as a city integrator would use it.

    python3 Tests/sensors/frost_check.py BASE_URL KEY     # the service is BASE_URL/sta/v1.1; KEY is a sensor key

`frost-sta-client` (PyPI, pinned in Tests/requirements-checks.txt) is the Python client of the FROST server,
the reference implementation of the standard; what it sends is what other people's software sends. With its
own classes and query builder this check: creates a Thing with its Location and a Datastream (with Sensor and
ObservedProperty) in one deep insert, navigates from the Thing to its Datastreams and Locations, posts 20
Observations, reads them back with $filter, $orderby, $expand, $top, $count and the nextLink paging the
client follows by itself, reads the Thing by id and with its Datastreams expanded, and deletes what it made
(a Thing's delete takes its Datastreams and their Observations with it). Writes authenticate with the
client's AuthHandler (HTTP Basic, the key as the password).

Prints `ok <what>` or `FAIL <what>: reason` per check (a refused request names the method, URL, body sent,
status and answer), then `frost-check: N passed, M failed`. Exits 1 on any failure.
"""

import datetime
import logging
import sys
import uuid

import geojson
import requests
from frost_sta_client import (AuthHandler, Datastream, Location, Observation, ObservedProperty, Sensor,
                              SensorThingsService, Thing, UnitOfMeasurement)

if len(sys.argv) != 3:
    print("usage: frost_check.py BASE_URL KEY", file=sys.stderr)
    sys.exit(2)
BASE, KEY = sys.argv[1].rstrip("/") + "/sta/v1.1", sys.argv[2]
RUN = uuid.uuid4().hex[:8]
# The client logs every refused request at ERROR on the root logger; this check reports them itself, and expects one 404.
logging.disable(logging.ERROR)
MEASUREMENT = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement"
START = datetime.datetime(2025, 9, 10, 4, 0, tzinfo=datetime.timezone.utc)
# 20 water levels in cm, out of order so that $orderby has something to do.
LEVELS = [float(v) for v in (112, 35, 148, 20, 97, 163, 41, 130, 58, 176, 84, 26, 141, 69, 155, 12, 120, 47, 188, 73)]
THRESHOLD = 100.0
passed = failed = 0


def report(what, failure=None):
    global passed, failed
    if failure is None:
        passed += 1
        print(f"ok {what}")
    else:
        failed += 1
        print(f"FAIL {what}: {failure}")


def describe(error):
    """What the library sent and what came back, for a refused request."""
    if isinstance(error, requests.exceptions.HTTPError) and error.response is not None:
        sent = error.response.request
        body = sent.body.decode("utf-8", "replace") if isinstance(sent.body, bytes) else sent.body
        return (f"{sent.method} {sent.url}" + (f" with {body}" if body else "")
                + f" -> HTTP {error.response.status_code}: {error.response.text[:400]}")
    if isinstance(error, requests.exceptions.RequestException):
        return f"{type(error).__name__}: {error}"
    return f"{type(error).__name__}: {error}"


class Check:
    """`with Check("what"):` reports ok when the block finishes, FAIL with the reason when it raises."""

    def __init__(self, what):
        self.what = what

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _):
        if error is None:
            report(self.what)
        elif isinstance(error, AssertionError):
            report(self.what, str(error))
        else:
            report(self.what, describe(error))
        return kind is None or issubclass(kind, Exception)


def instant(value):
    """A phenomenonTime as the client hands it back (a string), as an aware datetime."""
    return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


service = SensorThingsService(BASE, auth_handler=AuthHandler(username="frost-check", password=KEY))
thing = datastream = None
observations = []

# 0. Without a key the service reads but does not write.
with Check("a write without a key is refused (401), reads need none"):
    anonymous = SensorThingsService(BASE)
    anonymous.things().query().top(1).list()
    try:
        anonymous.create(Thing(name=f"frost-check intruder {RUN}", description="written without a key"))
        raise AssertionError("POST Things without a key was accepted")
    except requests.exceptions.HTTPError as error:
        assert error.response.status_code == 401, f"POST Things without a key: HTTP {error.response.status_code}, expected 401"

# 1. One deep insert: the Thing, its Location, its Datastream with a new Sensor and a new ObservedProperty.
with Check("deep insert of a Thing with its Location and a Datastream (Sensor, ObservedProperty)"):
    thing = Thing(
        name=f"frost-check gauge {RUN}", description="AWLR on Tukad Badung, placed by the interoperability check",
        properties={"check": "frost-sta-client", "run": RUN},
        locations=[Location(name=f"frost-check site {RUN}", description="Jembatan Tukad Badung", encoding_type="application/geo+json",
                            location=geojson.Point((115.2126, -8.6569)))],
        datastreams=[Datastream(
            name=f"frost-check water level {RUN}", description="Water level above the gauge's zero", observation_type=MEASUREMENT,
            unit_of_measurement=UnitOfMeasurement(name="centimetre", symbol="cm", definition="http://qudt.org/vocab/unit/CentiM"),
            sensor=Sensor(name=f"frost-check radar {RUN}", description="Radar level sensor", encoding_type="text/html",
                          metadata="https://example.org/radar-level-sensor"),
            observed_property=ObservedProperty(name=f"frost-check water level {RUN}", definition="http://vocabs.lter-europe.net/EnvThes/22035",
                                               description="Height of the water surface"))])
    service.create(thing)
    assert thing.id is not None, "no id from the Location header"

# 2. Navigation from the Thing, as the client builds it: Things(id)/Datastreams and Things(id)/Locations.
with Check("navigation Things(id)/Datastreams and Things(id)/Locations"):
    assert thing is not None and thing.id is not None, "no Thing to navigate from"
    found = thing.get_datastreams().query().list()
    names = [d.name for d in found]
    assert names == [f"frost-check water level {RUN}"], f"Datastreams of the Thing are {names}"
    datastream = found.get(0)
    uom = datastream.unit_of_measurement
    assert uom is not None and (uom.name, uom.symbol) == ("centimetre", "cm"), f"unitOfMeasurement {uom and uom.__getstate__()}"
    assert datastream.observation_type == MEASUREMENT, f"observationType {datastream.observation_type!r}"
    locations = thing.get_locations().query().list()
    assert len(locations.entities) == 1, f"{len(locations.entities)} Locations"
    point = locations.get(0).location
    coordinates = point.get("coordinates") if isinstance(point, dict) else None
    assert coordinates is not None and [round(c, 4) for c in coordinates] == [115.2126, -8.6569], f"location {point}"

# 3. Twenty Observations, one create each, into the new Datastream.
with Check(f"{len(LEVELS)} Observations created one by one"):
    assert datastream is not None, "no Datastream to post to"
    for index, level in enumerate(LEVELS):
        observation = Observation(result=level, phenomenon_time=START + datetime.timedelta(minutes=5 * index),
                                  datastream=Datastream(id=datastream.id))
        service.create(observation)
        assert observation.id is not None, f"observation {index}: no id from the Location header"
        observations.append(observation)
    assert len({o.id for o in observations}) == len(LEVELS), "the Observations' ids are not distinct"

with Check("Datastreams(id) phenomenonTime spans its Observations"):
    assert datastream is not None and observations, "no Observations"
    span = service.datastreams().find(datastream.id).phenomenon_time
    ends = [instant(part) for part in str(span).split("/")] if span else []
    expected_span = [START, START + datetime.timedelta(minutes=5 * (len(LEVELS) - 1))]
    assert ends == expected_span, f"phenomenonTime {span!r}, expected {expected_span[0].isoformat()}/{expected_span[1].isoformat()}"

expected_high = sorted((v for v in LEVELS if v > THRESHOLD), reverse=True)

# 4. $filter + $orderby + $expand through the query builder, on the Observations collection.
with Check(f"Observations $filter=result gt {THRESHOLD:g} $orderby=result desc $expand=Datastream"):
    assert datastream is not None, "no Datastream"
    found = (service.observations().query()
             .filter(f"Datastream/@iot.id eq {datastream.id} and result gt {THRESHOLD:g}")
             .orderby("result", "desc").expand("Datastream").list())
    results = [float(o.result) for o in found.entities]
    assert results == expected_high, f"results {results}, expected {expected_high}"
    streams = {o.datastream.id if o.datastream else None for o in found.entities}
    assert streams == {datastream.id}, f"expanded Datastream ids {streams}, expected {{{datastream.id}}}"
    assert all(o.datastream.name == datastream.name for o in found.entities), "the expanded Datastream lacks its name"

# 5. $orderby phenomenonTime asc with $top and $count: the client follows @iot.nextLink while iterating.
with Check("Datastreams(id)/Observations $orderby=phenomenonTime asc $top=6 $count=true, paged by nextLink"):
    assert datastream is not None, "no Datastream"
    found = datastream.get_observations().query().orderby("phenomenonTime", "asc").top(6).count().list()
    assert found.count == len(LEVELS), f"@iot.count {found.count}, expected {len(LEVELS)}"
    assert len(found.entities) == 6, f"first page has {len(found.entities)} entities, expected 6"
    assert found.next_link, "no @iot.nextLink on a partial page"
    every = list(found)
    times = [instant(o.phenomenon_time) for o in every]
    expected_times = [START + datetime.timedelta(minutes=5 * i) for i in range(len(LEVELS))]
    assert times == expected_times, f"phenomenonTimes {[t.isoformat() for t in times]}"
    assert [float(o.result) for o in every] == LEVELS, f"results {[o.result for o in every]}, expected {LEVELS}"

# 6. A $filter on time and result together, from the Datastream, newest first.
with Check("Datastreams(id)/Observations $filter on phenomenonTime and result, $orderby=phenomenonTime desc"):
    assert datastream is not None, "no Datastream"
    since = START + datetime.timedelta(minutes=50)
    found = (datastream.get_observations().query()
             .filter(f"phenomenonTime ge {since.strftime('%Y-%m-%dT%H:%M:%SZ')} and result le 100")
             .orderby("phenomenonTime", "desc").list())
    expected = [v for v in LEVELS[10:] if v <= 100][::-1]
    assert [float(o.result) for o in found.entities] == expected, f"results {[o.result for o in found.entities]}, expected {expected}"

# 7. The Thing by id, then with its Datastreams (and their Sensor and ObservedProperty) expanded.
with Check("Things(id) read back"):
    assert thing is not None and thing.id is not None, "no Thing"
    again = service.things().find(thing.id)
    assert again.name == thing.name, f"name {again.name!r}"
    assert again.properties == {"check": "frost-sta-client", "run": RUN}, f"properties {again.properties}"

with Check("Things $filter=@iot.id eq id $expand=Datastreams($expand=Sensor,ObservedProperty),Locations"):
    assert thing is not None and thing.id is not None, "no Thing"
    found = (service.things().query().filter(f"@iot.id eq {thing.id}")
             .expand("Datastreams($expand=Sensor,ObservedProperty),Locations").list())
    assert len(found.entities) == 1, f"{len(found.entities)} Things"
    again = found.get(0)
    assert again.datastreams is not None and len(again.datastreams.entities) == 1, "no expanded Datastreams"
    expanded = again.datastreams.get(0)
    assert expanded.id == datastream.id, f"Datastream id {expanded.id}, expected {datastream.id}"
    assert expanded.sensor is not None and expanded.sensor.name == f"frost-check radar {RUN}", "the Sensor is not expanded"
    assert expanded.sensor.metadata == "https://example.org/radar-level-sensor", f"Sensor metadata {expanded.sensor.metadata!r}"
    assert expanded.observed_property is not None and expanded.observed_property.definition == "http://vocabs.lter-europe.net/EnvThes/22035", \
        "the ObservedProperty is not expanded"
    assert again.locations is not None and len(again.locations.entities) == 1, "no expanded Locations"

# 8. Clean up: deleting the Thing deletes its Datastream and its Observations; then the entities left over.
with Check("delete the Thing (its Datastream and Observations go with it), its Location, Sensor, ObservedProperty"):
    assert thing is not None and thing.id is not None and datastream is not None, "nothing to delete"
    found = (service.things().query().filter(f"@iot.id eq {thing.id}")
             .expand("Locations,Datastreams($expand=Sensor,ObservedProperty)").list()).get(0)
    sensor, observed_property = found.datastreams.get(0).sensor, found.datastreams.get(0).observed_property
    location = found.locations.get(0)
    service.delete(thing)
    try:
        service.datastreams().find(datastream.id)
        raise AssertionError(f"Datastreams({datastream.id}) is still there after its Thing was deleted")
    except requests.exceptions.HTTPError as error:
        assert error.response.status_code == 404, f"Datastreams({datastream.id}) after the delete: HTTP {error.response.status_code}"
    left = service.observations().query().filter(f"Datastream/@iot.id eq {datastream.id}").list()
    assert not left.entities, f"{len(left.entities)} Observations left after their Datastream was deleted"
    for entity in (location, sensor, observed_property):
        service.delete(entity)

print(f"frost-check: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
