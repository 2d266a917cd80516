#!/usr/bin/env python3
"""Writes the seed corpora of fuzz/corpus/ (standard library only). Run from anywhere; rewrites the seeds.

Images are real in structure and small: an 8x8 baseline JPEG (one grey block, Huffman tables of one code),
a 2x2 PNG, a 1x1 lossless WebP, each also with the metadata phones write (EXIF with orientation, camera,
GPS and thumbnail; XMP; text chunks).
"""
import json
import pathlib
import struct
import zlib

ROOT = pathlib.Path(__file__).resolve().parent / "corpus"


def write(target, name, data):
    folder = ROOT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


# --- EXIF ----------------------------------------------------------------------------------------------

def exif_tiff(orientation, little=True):
    """IFD0 (Make, Orientation, GPS pointer) -> GPS IFD (ref, position text) -> IFD1 (JPEG thumbnail)."""
    e = "<" if little else ">"
    u16 = lambda v: struct.pack(e + "H", v)
    u32 = lambda v: struct.pack(e + "I", v)

    def entry(tag, typ, count, value):
        return u16(tag) + u16(typ) + u32(count) + value.ljust(4, b"\0")

    make = b"Pixel 8\0"
    gps_text = b"GPSLatitude-8.6577"
    n0 = 3 if orientation is not None else 2
    make_at = 8 + 2 + 12 * n0 + 4
    gps_at = make_at + len(make)
    gps_data_at = gps_at + 2 + 12 * 2 + 4
    ifd1_at = gps_data_at + len(gps_text)
    thumb = b"\xff\xd8\xff\xd9"
    thumb_at = ifd1_at + 2 + 12 * 2 + 4
    out = (b"II" if little else b"MM") + u16(42) + u32(8)
    out += u16(n0) + entry(0x010F, 2, len(make), u32(make_at))
    if orientation is not None:
        out += entry(0x0112, 3, 1, u16(orientation))
    out += entry(0x8825, 4, 1, u32(gps_at)) + u32(ifd1_at) + make
    out += u16(2) + entry(0x0001, 2, 2, b"S\0") + entry(0x001B, 7, len(gps_text), u32(gps_data_at)) + u32(0) + gps_text
    out += u16(2) + entry(0x0201, 4, 1, u32(thumb_at)) + entry(0x0202, 4, 1, u32(len(thumb))) + u32(0) + thumb
    return out


# --- JPEG ----------------------------------------------------------------------------------------------

def segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg(app_segments=b"", trailer=b""):
    dqt = segment(0xDB, bytes([0]) + bytes([1] * 64))
    sof0 = segment(0xC0, bytes([8]) + struct.pack(">HH", 8, 8) + bytes([1, 1, 0x11, 0]))
    # One code each: DC category 0 and AC end-of-block, both the 1-bit code "0".
    dht = segment(0xC4, bytes([0x00, 1] + [0] * 15 + [0x00]) + bytes([0x10, 1] + [0] * 15 + [0x00]))
    sos = segment(0xDA, bytes([1, 1, 0x00, 0, 63, 0]))
    scan = bytes([0x3F])  # "0" (DC diff 0) + "0" (EOB), padded with ones: a flat mid-grey block
    jfif = segment(0xE0, b"JFIF\0" + bytes([1, 1, 0, 0, 1, 0, 1, 0, 0]))
    return b"\xff\xd8" + jfif + app_segments + dqt + sof0 + dht + sos + scan + b"\xff\xd9" + trailer


xmp = b'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
write("image", "plain.jpg", jpeg())
write("image", "phone-portrait.jpg", jpeg(segment(0xE1, b"Exif\0\0" + exif_tiff(6)) + segment(0xE1, xmp)
                                          + segment(0xFE, b"taken by Ni Luh")))
write("image", "big-endian-exif.jpg", jpeg(segment(0xE1, b"Exif\0\0" + exif_tiff(8, little=False)) + segment(0xED, b"Photoshop 3.0\0")))
write("image", "motion-trailer.jpg", jpeg(segment(0xE1, b"Exif\0\0" + exif_tiff(None)), trailer=jpeg() + b"MotionPhoto_Data"))

# --- PNG -----------------------------------------------------------------------------------------------

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(extra=b""):
    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
    rows = b"".join(b"\0" + bytes([200, 30, 30, 30, 200, 30]) for _ in range(2))
    return b"\x89PNG\r\n\x1a\n" + ihdr + extra + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


write("image", "plain.png", png())
write("image", "exif-text.png", png(chunk(b"eXIf", exif_tiff(6)) + chunk(b"tEXt", b"Author\0Ni Luh")
                                    + chunk(b"tIME", bytes([7, 234, 11, 22, 10, 0, 0]))))

# --- WebP ----------------------------------------------------------------------------------------------

def riff_chunk(kind, data):
    return kind + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")


def webp(chunks):
    body = b"WEBP" + chunks
    return b"RIFF" + struct.pack("<I", len(body)) + body


def vp8l_1x1(argb):
    """A 1x1 lossless bitstream: no transform, no colour cache, five simple prefix codes of one symbol each
    (so the pixel itself takes no bits)."""
    bits = []
    put = lambda value, n: bits.extend((value >> i) & 1 for i in range(n))
    put(0, 14); put(0, 14); put(1, 1); put(0, 3)          # width-1, height-1, alpha used, version
    put(0, 1); put(0, 1); put(0, 1)                        # no transform, no colour cache, no meta codes
    a, r, g, b = argb
    for symbol in (g, r, b, a):                            # green, red, blue, alpha: one 8-bit symbol each
        put(1, 1); put(0, 1); put(1, 1); put(symbol, 8)
    put(1, 1); put(0, 1); put(0, 1); put(0, 1)             # distance: one 1-bit symbol
    data = bytearray((len(bits) + 7) // 8)
    for i, bit in enumerate(bits):
        data[i // 8] |= bit << (i % 8)
    return bytes([0x2F]) + bytes(data)


vp8l = riff_chunk(b"VP8L", vp8l_1x1((0xFF, 0xC0, 0x80, 0x40)))
write("image", "plain.webp", webp(vp8l))
vp8x = riff_chunk(b"VP8X", bytes([0x0C, 0, 0, 0]) + (0).to_bytes(3, "little") + (0).to_bytes(3, "little"))
write("image", "exif-xmp.webp", webp(vp8x + vp8l + riff_chunk(b"EXIF", exif_tiff(6)) + riff_chunk(b"XMP ", xmp[29:])))

# --- complaint JSON (the body of POST /api/v1/complaints) ---------------------------------------------

write("complaint", "minimal.json", json.dumps({
    "category": "INFRA-JALAN", "description": "Jalan berlubang besar di depan sekolah", "lat": -8.6577, "lon": 115.217,
    "reporter": {"name": "Ni Luh Putu"}}))
write("complaint", "full.json", json.dumps({
    "category": "lingk-sampah", "description": "Tumpukan sampah plastik di pinggir sungai Badung sejak seminggu.",
    "lat": -8.6705, "lon": 115.2126, "address": "Jl. Gajah Mada, Pemecutan", "visibility": "anonymous",
    "reporter": {"name": "I Made", "email": "made@example.id", "phone": "+62 812-3456-7890"},
    "attributes": {"jenis_sampah": ["plastik", "rumah_tangga"]}}, ensure_ascii=False))
write("complaint", "attributes-photo.json", json.dumps({
    "category": "INFRA-LPJU", "description": "Lampu jalan mati total sepanjang gang.", "lat": -8.65, "lon": 115.22,
    "visibility": "public", "reporter": {"name": "Wayan"}, "attributes": {"nomor_tiang": ["DPS-BR-0412"], "jumlah_lampu": ["3"]},
    "photos": [{"data": __import__("base64").b64encode(jpeg(segment(0xE1, b"Exif\0\0" + exif_tiff(6)))).decode(), "filename": "IMG_1.jpg"}]}))
write("complaint", "invalid.json", json.dumps({
    "category": " ", "description": "pendek", "lat": 91, "lon": -200, "visibility": "secret",
    "reporter": {"email": "bukan-email", "phone": "12ab"}, "attributes": {"sejak": ["kemarin"]}}))

# --- Open311 POST form (first byte: even = form-encoded, odd = multipart with the boundary on line one) --

write("open311-form", "urlencoded.txt", b"\0" + b"api_key=k&service_code=INFRA-JALAN&lat=-8.6577&long=115.2170"
      b"&description=Jalan+berlubang+%26+retak+di+depan+pasar&first_name=Ni+Luh&last_name=Putu&email=luh%40example.id"
      b"&attribute%5Bukuran_lubang%5D=besar&attribute[lajur]=kiri")
write("open311-form", "urlencoded-list.txt", b"\x0a" + b"service_code=LINGK-SAMPAH&address_string=Sumerta+Kelod"
      b"&description=Sampah+menumpuk+di+sudut+jalan&attribute[jenis_sampah][]=plastik&attribute[jenis_sampah][]=b3"
      b"&attribute[sejak]=2026-11-20T08:00:00%2B08:00&phone=0812%203456%207890")
boundary = b"KertaFuzzBoundary7MA4YWxk"
parts = [
    (b'name="service_code"', b"INFRA-GENANGAN"),
    (b'name="description"', "Banjir setinggi lutut di perempatan, air tidak surut.".encode()),
    (b'name="lat"', b"-8.66"), (b'name="long"', b"115.21"),
    (b'name="attribute[kedalaman_cm]"', b"45"),
    (b'name="media"; filename="banjir.jpg"\r\nContent-Type: image/jpeg', jpeg()),
]
body = b"".join(b"--" + boundary + b"\r\nContent-Disposition: form-data; " + head + b"\r\n\r\n" + data + b"\r\n" for head, data in parts)
write("open311-form", "multipart.txt", b"\x01" + boundary + b"\n" + body + b"--" + boundary + b"--\r\n")

# --- CSV (reference data) ---------------------------------------------------------------------------------

write("csv", "agencies.csv", "code,name_id,name_en,kind,receives_complaints,notes\r\n"
      "PUPR,Dinas Pekerjaan Umum,Public Works,dinas,yes,\r\nDISKOMINFOS,\"Dinas Komunikasi, Informatika\",Communication,dinas,no,\"kata \"\"pusat\"\"\"\r\n")
write("csv", "categories.csv", "code,group_id,group_en,name_id,name_en,agency_code,secondary_agency_code,suggested_priority,emergency_112\n"
      "INFRA-JALAN,Infrastruktur,Infrastructure,Jalan rusak,Damaged road,PUPR,,normal,no\n")
write("csv", "holidays.csv", "date,name_id,name_en,type\n2026-03-19,Hari Suci Nyepi,Day of Silence,national\n2026-12-25,Natal,Christmas,national\n")
write("csv", "attributes.csv", "category_code,code,datatype,variable,required,order,description,datatype_description,values\n"
      "INFRA-JALAN,ukuran,singlevaluelist,true,true,1,Ukuran?,Pilih,kecil=Kecil|besar=Besar\n"
      "INFRA-JALAN,jumlah,number,true,false,2,Berapa?,Angka,\n")

# --- GeoJSON ----------------------------------------------------------------------------------------------

square = [[115.20, -8.67], [115.23, -8.67], [115.23, -8.64], [115.20, -8.64], [115.20, -8.67]]
hole = [[115.21, -8.66], [115.22, -8.66], [115.22, -8.65], [115.21, -8.66]]
write("geojson", "polygon.json", json.dumps({"type": "Polygon", "coordinates": [square, hole]}))
write("geojson", "multipolygon.json", json.dumps({"type": "MultiPolygon", "coordinates": [[square], [[[0, 0], [1, 0], [1, 1], [0, 0]]]]}))
write("geojson", "collection.json", json.dumps({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"code": "51.71.01.1001", "name": "Sesetan", "kecamatan_code": "51.71.01", "type": "kelurahan",
                                       "centroid_lat": -8.7, "centroid_lng": 115.22},
     "geometry": {"type": "Polygon", "coordinates": [square]}}]}))
write("geojson", "bbox.txt", "115.17,-8.74,115.27,-8.60")

# --- dates --------------------------------------------------------------------------------------------

for name, text in [("date", "2026-03-19"), ("leap", "2028-02-29"), ("timestamp", "2026-11-22T08:30:00+08:00"),
                   ("fraction", "2026-11-22T00:30:00.250Z"), ("impossible", "2026-02-30")]:
    write("civil-date", name + ".txt", text)

# --- SensorThings resource paths (after /sta/v1.1/) --------------------------------------------------------

for name, text in [("collection", "Things"), ("navigation", "Things(1)/Datastreams"), ("chain", "Observations(3)/Datastream/Thing"),
                   ("value", "Things(1)/name/$value"), ("ref", "Things(1)/Locations/$ref"), ("quoted-slashes", "/Things('42')/"),
                   ("member", "Datastreams(1)/Observations(7)"), ("feature", "Observations(1)/FeatureOfInterest/feature"),
                   ("iot-id", "Things(1)/@iot.id")]:
    write("sta-path", name + ".txt", text)

# --- SensorThings query options (first byte: entity in bits 0-2, option in bits 3-6, capitals in bit 7) ---

STA_ENTITIES = ["Things", "Locations", "HistoricalLocations", "Datastreams", "Sensors", "ObservedProperties", "Observations",
                "FeaturesOfInterest"]
STA_OPTIONS = {"$filter": 0, "$orderby": 4, "$expand": 6, "$select": 9, "$top": 10, "$skip": 11, "$count": 12,
               "$resultFormat": 13, "$id": 14, "&": 15}


def sta_query(name, entity, option, value, capitals=False):
    selector = STA_ENTITIES.index(entity) | STA_OPTIONS[option] << 3 | (0x80 if capitals else 0)
    write("sta-query", name + ".txt", bytes([selector]) + value.encode("utf-8"))


polygon_wkt = "POLYGON((115.2 -8.7, 115.3 -8.7, 115.3 -8.6, 115.2 -8.7))"
sta_query("filter-result", "Observations", "$filter", "result gt 5 and startswith(Datastream/name,'A')")
sta_query("filter-thing", "Things", "$filter", "result gt 5 and startswith(name,'A')")
sta_query("filter-json", "Things", "$filter", "properties/owner/name eq 'Ni Luh' or substringof('ubud', tolower(name))")
sta_query("filter-within", "Locations", "$filter", "st_within(location, geography'" + polygon_wkt + "')")
sta_query("filter-distance", "Locations", "$filter",
          "geo.distance(location, geography'POINT(115.21 -8.65)') lt 0.01 and st_relate(location, geometry'POINT(1 2)', 't*f**f***')")
sta_query("filter-times", "Observations", "$filter",
          "phenomenonTime ge 2026-09-10T06:35:00+08:00 and date(resultTime) eq 2026-09-10 and time(resultTime) lt 06:00:00.5")
sta_query("filter-math", "Observations", "$filter",
          "round(result) eq 3 and result mod 2 eq 1 and -result add 1.5e2 lt 10 and year(phenomenonTime) eq 2026 and resultTime lt now()")
sta_query("filter-datastream", "Datastreams", "$filter",
          "unitOfMeasurement/symbol eq 'cm' and substring(name, 1, 3) eq 'os ' and not (Thing/name eq null) and concat(name, '''s') ne 'x'")
sta_query("orderby", "Observations", "$orderby", "phenomenonTime desc,id asc")
sta_query("orderby-json", "Things", "$orderby", "length(name) DESC, properties/x")
sta_query("orderby-result", "Observations", "$orderby", "result, geo.distance(FeatureOfInterest/feature, geography'POINT(1 2)')")
sta_query("expand-nested", "Things", "$expand", "Datastreams($select=name;$expand=Observations($top=3;$orderby=phenomenonTime desc))")
sta_query("expand-paths", "Things", "$expand", "Datastreams/Observations($top=1),Datastreams/Sensor,Locations")
sta_query("expand-filter", "Things", "$expand", "Datastreams($filter=name eq 'a;b,c' and length(name) gt 2;$count=true)", capitals=True)
sta_query("select", "Observations", "$select", "result,phenomenonTime,@iot.id,Datastream")
sta_query("select-datastream", "Datastreams", "$select", "name, unitOfMeasurement,Thing")
sta_query("top", "Things", "$top", "10")
sta_query("skip", "Things", "$skip", "20")
sta_query("count", "Things", "$count", "true")
sta_query("result-format", "Observations", "$resultFormat", "dataArray", capitals=True)
sta_query("id", "Locations", "$id", "../../Locations(3)")
sta_query("query-string", "Observations", "&", "$filter=result gt 5&$orderby=phenomenonTime desc&$top=10&$skip=20&$count=true"
          "&$select=result,phenomenonTime&$expand=Datastream($expand=Thing)&$resultFormat=dataArray&page=2")

# --- SensorThings geometries (first byte: bit 0/1 GeoJSON for the first/second, bits 2-5 a function, 6-7 a pattern) --

STA_FUNCTIONS = ["geo.distance", "geo.length", "geo.intersects", "st_equals", "st_disjoint", "st_touches", "st_within",
                 "st_overlaps", "st_crosses", "st_intersects", "st_contains", "st_relate"]


def sta_geometry(name, first, second, function, pattern=0):
    """Without a second text, the first is read twice (once per bit 0 and bit 1)."""
    geojson = first.startswith("{")
    selector = (1 if geojson else 0) | (2 if (second or first).startswith("{") else 0)
    selector |= STA_FUNCTIONS.index(function) << 2 | pattern << 6
    write("sta-geometry", name + ".txt", bytes([selector]) + (first + ("|" + second if second else "")).encode("utf-8"))


holed_json = json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
                                                            [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]}, separators=(",", ":"))
sta_geometry("point-in-polygon", "POINT(115.25 -8.68)", polygon_wkt, "st_within")
sta_geometry("holed-line", holed_json, "LINESTRING(-1 5, 5 5, 11 5)", "st_crosses")
sta_geometry("multipolygon-collection", "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))",
             "GEOMETRYCOLLECTION(POINT(1 2),POINT(0.5 0.2))", "st_intersects")
sta_geometry("srid-lines", "SRID=4326;LINESTRING Z (0 0 1, 1 1 2)", "LINESTRING(0 1, 1 0)", "st_relate", pattern=2)
sta_geometry("feature-multipoint", json.dumps({"type": "Feature", "properties": {"name": "Puputan"},
                                               "geometry": {"type": "Point", "coordinates": [115.2177, -8.6561, 20]}}),
             json.dumps({"type": "MultiPoint", "coordinates": [[115.2177, -8.6561], [115.21, -8.65]]}), "st_contains")
sta_geometry("touching-squares", "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))", "POLYGON((1 0, 2 0, 2 1, 1 1, 1 0))", "st_touches")
sta_geometry("distance", "MULTILINESTRING((0 0, 1 1), (2 2, 3 3))", "POINT Z (5 5 1)", "geo.distance")
sta_geometry("same-polygon", polygon_wkt, None, "st_equals")
sta_geometry("same-holed", holed_json, None, "st_relate", pattern=1)

# --- JSON values (SensorThings properties, result, unitOfMeasurement) --------------------------------------

for name, value in [("properties", {"owner": {"name": "Ni Luh Putu", "phone": "+62 812"}, "sungai": "Tukad Badung", "aktif": True}),
                    ("unit", {"name": "centimetre", "symbol": "cm", "definition": "http://www.qudt.org/qudt/owl/1.0.0/unit/Instances.html#Centimeter"}),
                    ("result-array", [1, -2.5, 1e-7, 12345678901234567890, None, "x", [], {}]),
                    ("escapes", {"teks": "baris\n\"kutip\" \\ \u0001 \u2028 é 😀", "": 0})]:
    write("json-value", name + ".json", json.dumps(value, ensure_ascii=name != "escapes"))
write("json-value", "number.json", "266")
write("json-value", "nested.json", '[[[{"a":[{"b":null}]}]]]')
