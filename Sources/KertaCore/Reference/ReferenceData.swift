import Foundation

/// The city's reference data read from its folder of CSV and GeoJSON files, checked for consistency.
///
/// Files (the names Kerta ships for Denpasar): `agencies.csv`, `categories.csv`, `holidays-id.csv`,
/// `<city>-kota.geojson`, `<city>-kecamatan.geojson`, `<city>-desa.geojson`.
public struct ReferenceData: Sendable {
    public struct Problem: Error, CustomStringConvertible {
        public let file: String
        public let message: String
        public var description: String { "\(file): \(message)" }
    }

    public let agencies: [AgencyRecord]
    public let categories: [CategoryRecord]
    public let holidays: [Holiday]
    public let areas: [AreaRecord]
    /// Extra questions some categories ask (`category-attributes.csv`, optional).
    public let attributes: [ServiceAttribute]

    public init(agencies: [AgencyRecord], categories: [CategoryRecord], holidays: [Holiday], areas: [AreaRecord],
                attributes: [ServiceAttribute] = []) {
        self.agencies = agencies
        self.categories = categories
        self.holidays = holidays
        self.areas = areas
        self.attributes = attributes
    }

    /// Reads every file of `directory`; `city` is the prefix of the GeoJSON files.
    public static func load(from directory: URL, city: String = "denpasar") throws -> ReferenceData {
        func text(_ name: String) throws -> String {
            do {
                return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            } catch {
                throw Problem(file: name, message: "cannot be read (\(error.localizedDescription))")
            }
        }
        let agencies = try parseAgencies(text("agencies.csv"))
        let categories = try parseCategories(text("categories.csv"), agencyCodes: Set(agencies.map(\.code)))
        let holidays = try parseHolidays(text("holidays-id.csv"))
        var areas: [AreaRecord] = []
        for level in [AreaLevel.city, .kecamatan, .desa] {
            let file = "\(city)-\(level.rawValue).geojson"
            areas += try parseAreas(Data(text(file).utf8), level: level, file: file)
        }
        var attributes: [ServiceAttribute] = []
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("category-attributes.csv").path) {
            attributes = try parseAttributes(text("category-attributes.csv"), categoryCodes: Set(categories.map(\.code)))
        }
        return ReferenceData(agencies: agencies, categories: categories, holidays: holidays, areas: areas, attributes: attributes)
    }

    /// `values` is `key=name|key=name` for the list types.
    static func parseAttributes(_ text: String, categoryCodes: Set<String>) throws -> [ServiceAttribute] {
        let file = "category-attributes.csv"
        let columns = ["category_code", "code", "datatype", "variable", "required", "order", "description", "datatype_description", "values"]
        let attributes = try table(text, file).records(requiring: columns).map { r in
            let category = r["category_code"]!, code = r["code"]!
            guard categoryCodes.contains(category) else {
                throw Problem(file: file, message: "attribute \(code) names category \(category), which categories.csv does not list")
            }
            guard let datatype = ServiceAttribute.Datatype(rawValue: r["datatype"]!) else {
                throw Problem(file: file, message: "attribute \(code) has unknown datatype \"\(r["datatype"]!)\"")
            }
            guard let order = Int(r["order"]!), order > 0 else {
                throw Problem(file: file, message: "attribute \(code) needs a positive order")
            }
            // `=name` has no key: splitting it left no parts, and reading the key crashed (fuzz/targets/csv).
            let values = try r["values"]!.split(separator: "|").map { pair -> ServiceAttribute.Value in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard !parts[0].isEmpty else {
                    throw Problem(file: file, message: "attribute \(code) has a value without a key (\"\(pair)\"; expected key=name)")
                }
                return ServiceAttribute.Value(key: parts[0], name: parts.count > 1 && !parts[1].isEmpty ? parts[1] : parts[0])
            }
            if (datatype == .singlevaluelist || datatype == .multivaluelist) && values.isEmpty {
                throw Problem(file: file, message: "list attribute \(code) has no values")
            }
            return ServiceAttribute(categoryCode: category, code: code, datatype: datatype, variable: r["variable"] == "true",
                                    required: r["required"] == "true", order: order, description: r["description"]!,
                                    datatypeDescription: r["datatype_description"]!, values: values)
        }
        for (category, group) in Dictionary(grouping: attributes, by: \.categoryCode) {
            if Set(group.map(\.order)).count != group.count {
                throw Problem(file: file, message: "category \(category) has two attributes with the same order")
            }
            // Answers are looked up by code: two questions with one code made ServiceAttribute.validate trap.
            if Set(group.map(\.code)).count != group.count {
                throw Problem(file: file, message: "category \(category) has two attributes with the same code")
            }
        }
        return attributes
    }

    static func parseAgencies(_ text: String) throws -> [AgencyRecord] {
        let file = "agencies.csv"
        return try table(text, file).records(requiring: ["code", "name_id", "name_en", "kind", "receives_complaints"]).map { r in
            guard let intake = AgencyRecord.Intake(rawValue: r["receives_complaints"]!) else {
                throw Problem(file: file, message: "agency \(r["code"]!) has receives_complaints \"\(r["receives_complaints"]!)\"; expected yes, no or referral")
            }
            return AgencyRecord(code: r["code"]!, nameID: r["name_id"]!, nameEN: r["name_en"]!, kind: r["kind"]!, intake: intake, notes: r["notes"] ?? "")
        }
    }

    static func parseCategories(_ text: String, agencyCodes: Set<String>) throws -> [CategoryRecord] {
        let file = "categories.csv"
        let columns = ["code", "group_id", "group_en", "name_id", "name_en", "agency_code", "secondary_agency_code", "suggested_priority", "emergency_112"]
        return try table(text, file).records(requiring: columns).map { r in
            let code = r["code"]!
            guard let priority = Priority(rawValue: r["suggested_priority"]!) else {
                throw Problem(file: file, message: "category \(code) has unknown priority \"\(r["suggested_priority"]!)\"")
            }
            let secondary = r["secondary_agency_code"]!.isEmpty ? nil : r["secondary_agency_code"]
            for agency in [r["agency_code"]!, secondary].compactMap({ $0 }) where !agencyCodes.contains(agency) {
                throw Problem(file: file, message: "category \(code) names agency \(agency), which agencies.csv does not list")
            }
            return CategoryRecord(code: code, groupID: r["group_id"]!, groupEN: r["group_en"]!, nameID: r["name_id"]!, nameEN: r["name_en"]!,
                                  agencyCode: r["agency_code"]!, secondaryAgencyCode: secondary, priority: priority, emergency112: r["emergency_112"]!)
        }
    }

    static func parseHolidays(_ text: String) throws -> [Holiday] {
        let file = "holidays-id.csv"
        return try table(text, file).records(requiring: ["date", "name_id", "name_en", "type"]).map { r in
            guard let date = CivilDate(iso: r["date"]!) else {
                throw Problem(file: file, message: "\"\(r["date"]!)\" is not a date (YYYY-MM-DD)")
            }
            guard let kind = HolidayKind(rawValue: r["type"]!) else {
                throw Problem(file: file, message: "holiday on \(date) has unknown type \"\(r["type"]!)\"")
            }
            return Holiday(date: date, nameID: r["name_id"]!, nameEN: r["name_en"]!, kind: kind)
        }
    }

    static func parseAreas(_ data: Data, level: AreaLevel, file: String) throws -> [AreaRecord] {
        guard let collection = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = collection["features"] as? [[String: Any]] else {
            throw Problem(file: file, message: "is not a GeoJSON FeatureCollection")
        }
        return try features.map { feature in
            guard let properties = feature["properties"] as? [String: Any],
                  let code = properties["code"] as? String,
                  let geometry = feature["geometry"] as? [String: Any] else {
                throw Problem(file: file, message: "a feature lacks properties.code or a geometry")
            }
            let geometryData = try JSONSerialization.data(withJSONObject: geometry, options: [.sortedKeys])
            let shape: MultiPolygon
            do {
                shape = try GeoJSONGeometry.multiPolygon(from: geometryData)
            } catch {
                throw Problem(file: file, message: "area \(code) has an unusable geometry (\(error))")
            }
            let name = (properties["name"] as? String) ?? (properties["kecamatan"] as? String) ?? code
            let parent: String? = switch level {
            case .city: nil
            case .kecamatan: String(code.prefix(4))
            case .desa: (properties["kecamatan_code"] as? String) ?? String(code.prefix(6))
            }
            let centroid: GeoPoint
            if let lat = properties["centroid_lat"] as? Double, let lon = (properties["centroid_lng"] ?? properties["centroid_lon"]) as? Double {
                centroid = GeoPoint(latitude: lat, longitude: lon)
            } else if let box = shape.boundingBox {
                centroid = GeoPoint(latitude: (box.minLatitude + box.maxLatitude) / 2, longitude: (box.minLongitude + box.maxLongitude) / 2)
            } else {
                throw Problem(file: file, message: "area \(code) has an empty geometry")
            }
            return AreaRecord(code: code, name: name, level: level, parentCode: parent, kind: properties["type"] as? String,
                              centroid: centroid, shape: shape, geometryJSON: String(decoding: geometryData, as: UTF8.self))
        }
    }

    private static func table(_ text: String, _ file: String) throws -> CSVTable {
        do {
            return try CSVTable(text: text)
        } catch {
            throw Problem(file: file, message: "\(error)")
        }
    }
}
