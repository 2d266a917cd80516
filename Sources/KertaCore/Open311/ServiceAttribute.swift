import Foundation

/// An extra question a category asks (GeoReport v2 service definition attribute).
public struct ServiceAttribute: Sendable, Equatable {
    public enum Datatype: String, Sendable, CaseIterable {
        case string, number, datetime, text, singlevaluelist, multivaluelist
    }

    public struct Value: Sendable, Equatable {
        public let key: String
        public let name: String
        public init(key: String, name: String) {
            self.key = key
            self.name = name
        }
    }

    public let categoryCode: String
    public let code: String
    public let datatype: Datatype
    /// false: informational text shown to the resident, no answer expected.
    public let variable: Bool
    public let required: Bool
    public let order: Int
    public let description: String
    public let datatypeDescription: String
    public let values: [Value]

    public init(categoryCode: String, code: String, datatype: Datatype, variable: Bool, required: Bool, order: Int,
                description: String, datatypeDescription: String, values: [Value]) {
        self.categoryCode = categoryCode
        self.code = code
        self.datatype = datatype
        self.variable = variable
        self.required = required
        self.order = order
        self.description = description
        self.datatypeDescription = datatypeDescription
        self.values = values
    }

    /// Checks the answers given (`attribute[code]`, lists for multivaluelist) against the questions;
    /// returns them normalised, or throws with a problem per attribute.
    /// `enforceRequired` is off for clients that predate the questions (the JSON API), which may leave them unanswered.
    public static func validate(_ answers: [String: [String]], against attributes: [ServiceAttribute],
                                enforceRequired: Bool = true) throws -> [String: [String]] {
        var problems = ProblemList()
        var accepted: [String: [String]] = [:]
        // The first of two questions with one code wins (the reference data refuses such pairs; a trap here
        // would take the server down with every report in that category).
        let known = Dictionary(attributes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for code in answers.keys.sorted() where known[code] == nil || known[code]?.variable == false {
            problems.add("attribute[\(code)]", id: "atribut \(code) tidak dikenal untuk layanan ini", en: "attribute \(code) is not defined for this service")
        }
        for attribute in attributes.sorted(by: { $0.order < $1.order }) where attribute.variable {
            let field = "attribute[\(attribute.code)]"
            let given = (answers[attribute.code] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            if given.isEmpty {
                if attribute.required && enforceRequired { problems.add(field, id: "\(attribute.code) wajib diisi", en: "\(attribute.code) is required") }
                continue
            }
            if attribute.datatype != .multivaluelist && given.count > 1 {
                problems.add(field, id: "\(attribute.code) hanya satu nilai", en: "\(attribute.code) takes a single value")
                continue
            }
            switch attribute.datatype {
            case .number:
                if Double(given[0])?.isFinite != true {
                    problems.add(field, id: "\(attribute.code) harus berupa angka", en: "\(attribute.code) must be a number")
                    continue
                }
            case .datetime:
                if WITATimestamp.date(from: given[0]) == nil {
                    problems.add(field, id: "\(attribute.code) harus tanggal/waktu ISO 8601", en: "\(attribute.code) must be an ISO 8601 date-time")
                    continue
                }
            case .string:
                if given[0].contains("\n") || given[0].count > 200 {
                    problems.add(field, id: "\(attribute.code) satu baris, maksimal 200 karakter", en: "\(attribute.code) is one line of at most 200 characters")
                    continue
                }
            case .text:
                if given[0].count > 4000 {
                    problems.add(field, id: "\(attribute.code) maksimal 4000 karakter", en: "\(attribute.code) must be at most 4000 characters")
                    continue
                }
            case .singlevaluelist, .multivaluelist:
                let keys = Set(attribute.values.map(\.key))
                if let bad = given.first(where: { !keys.contains($0) }) {
                    problems.add(field, id: "nilai \(bad) tidak tersedia untuk \(attribute.code)", en: "\(bad) is not a value of \(attribute.code)")
                    continue
                }
            }
            accepted[attribute.code] = given
        }
        try problems.check()
        return accepted
    }
}
