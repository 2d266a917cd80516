import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import Testing
import VaporTesting

@Suite struct AreaAPITests {
    @Test func puputanBadungSquareLiesInDauhPuriKanginDenpasarBarat() async throws {
        try await withKerta { app in
            try await app.testing().test(.GET, "api/v1/areas/lookup?lat=-8.6577&lon=115.2166") { res in
                #expect(res.status == .ok)
                let location = try res.content.decode(AreaLocation.self)
                #expect(location == AreaLocation(desa: .init(code: "5171032006", name: "Dauh Puri Kangin"),
                                                 kecamatan: .init(code: "517103", name: "Denpasar Barat")))
            }
        }
    }

    @Test func aPointInKutaIsOutsideTheCity() async throws {
        try await withKerta { app in
            try await app.testing().test(.GET, "api/v1/areas/lookup?lat=-8.7184&lon=115.1686",
                                         headers: ["Accept-Language": "en-GB,en;q=0.9,id;q=0.5"]) { res in
                #expect(res.status == .notFound)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.error.code == "outside_city")
                #expect(body.error.message.contains("outside Kota Denpasar"))
            }
            // Indonesian is the default language.
            try await app.testing().test(.GET, "api/v1/areas/lookup?lat=-8.7184&lon=115.1686") { res in
                #expect(res.status == .notFound)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.error.message.contains("di luar Kota Denpasar"))
            }
        }
    }

    @Test(arguments: [
        ("api/v1/areas/lookup?lon=115.2", ["lat"]),
        ("api/v1/areas/lookup?lat=x&lon=115.2", ["lat"]),
        ("api/v1/areas/lookup?lat=-8.6&lon=200", ["lon"]),
        ("api/v1/areas/lookup", ["lat", "lon"]),
    ])
    func badCoordinatesAreRefusedNamingTheField(path: String, fields: [String]) async throws {
        try await withKerta { app in
            try await app.testing().test(.GET, path) { res in
                #expect(res.status == .badRequest)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.error.fields.map(\.field) == fields)
            }
        }
    }

    @Test func eachDesaAnswersForItsOwnCentroid() async throws {
        try await withKerta { app in
            let desa = try await Area.query(on: app.db).filter(\.$level == "desa").all()
            var matched = 0
            for area in desa {
                try await app.testing().test(.GET, "api/v1/areas/lookup?lat=\(area.centroidLatitude)&lon=\(area.centroidLongitude)") { res in
                    if let location = try? res.content.decode(AreaLocation.self) {
                        #expect(location.kecamatan.code == area.parentCode || location.desa.code != area.id)
                        if location.desa.code == area.id { matched += 1 }
                    }
                }
            }
            // Centroids of concave desa can fall outside them; nearly all must match.
            #expect(matched >= 40)
        }
    }

    @Test func boundariesComeAsGeoJSONByLevel() async throws {
        try await withKerta { app in
            for (level, count) in [("kecamatan", 4), ("desa", 43), ("kota", 1)] {
                try await app.testing().test(.GET, "api/v1/areas?level=\(level)") { res in
                    #expect(res.status == .ok)
                    #expect(res.headers.contentType?.subType == "geo+json")
                    let json = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as! [String: Any]
                    #expect(json["type"] as? String == "FeatureCollection")
                    let features = json["features"] as! [[String: Any]]
                    #expect(features.count == count)
                    let geometry = features[0]["geometry"] as! [String: Any]
                    #expect(["Polygon", "MultiPolygon"].contains(geometry["type"] as? String))
                }
            }
            try await app.testing().test(.GET, "api/v1/areas?level=banjar") { res in
                #expect(res.status == .badRequest)
                let body = try res.content.decode(ErrorBody.self)
                #expect(body.error.fields.first?.field == "level")
            }
        }
    }
}
