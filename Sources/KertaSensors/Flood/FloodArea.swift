import Foundation
import KertaCore

/// A flood-prone area of the reference data (the September and December 2025 floods): a point where the
/// reports place one, otherwise the desa it names.
package struct FloodArea: Encodable, Sendable {
    let id: String
    let name: String
    let impact: String
    let latitude: Double?
    let longitude: Double?
    let desaNames: [String]

    package static func load(from directory: String) throws -> [FloodArea] {
        let text = try String(contentsOfFile: (directory as NSString).appendingPathComponent("flood-prone-areas.csv"), encoding: .utf8)
        return try CSVTable(text: text).records(requiring: ["id", "area", "observed_impact", "lat", "lng", "desa_kelurahan"]).map { row in
            FloodArea(id: row["id"] ?? "", name: row["area"] ?? "", impact: row["observed_impact"] ?? "",
                      latitude: Double(row["lat"] ?? ""), longitude: Double(row["lng"] ?? ""),
                      desaNames: (row["desa_kelurahan"] ?? "").split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
    }
}
