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
