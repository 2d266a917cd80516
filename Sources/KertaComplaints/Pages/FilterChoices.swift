import Fluent
import Foundation
import KertaCore
import Vapor
import KertaPlatform

/// The choices of a complaint list's filters (map, console queue): statuses, categories by group,
/// agencies and kecamatan, each by name in the page's language with the code as the option's value,
/// and the one in the query string selected. People pick; nobody types a code.
package struct FilterChoices: Encodable {
    package struct Option: Encodable {
        package let value: String
        package let label: String
        package let selected: Bool
    }

    package struct Group: Encodable {
        package let label: String
        package let options: [Option]
    }

    package let statuses: [Option]
    package let categories: [Group]
    package let agencies: [Option]
    package let kecamatan: [Option]

    package static func load(_ req: Request, statuses: [ComplaintStatus] = ComplaintStatus.allCases) async throws -> FilterChoices {
        let language = req.language
        let english = language == .english
        let catalog = try await req.application.kertaCaches.catalog(on: req.db)
        func chosen(_ name: String) -> String { req.queryText(name) ?? "" }

        let status = chosen("status").lowercased()
        let category = chosen("category").uppercased()
        let agency = chosen("agency").uppercased()
        let kecamatan = chosen("kecamatan")

        let byGroup = Dictionary(grouping: catalog.categories.values) { english ? $0.groupEN : $0.groupID }
        let groups = byGroup.keys.sorted().map { group in
            Group(label: group, options: (byGroup[group] ?? []).map { c in
                Option(value: c.id ?? "", label: english ? c.nameEN : c.nameID, selected: c.id == category)
            }.sorted { $0.label < $1.label })
        }
        let agencies = catalog.agencies.values.filter { $0.intake != "no" }.sorted { ($0.id ?? "") < ($1.id ?? "") }.map { a in
            Option(value: a.id ?? "", label: "\(a.id ?? "") — \(english ? a.nameEN : a.nameID)", selected: a.id == agency)
        }
        let areas = try await Area.query(on: req.db).filter(\.$level == AreaLevel.kecamatan.rawValue).sort(\.$name).all()
        return FilterChoices(
            statuses: statuses.map { Option(value: $0.rawValue, label: Catalogue.shared.status($0, language), selected: $0.rawValue == status) },
            categories: groups,
            agencies: agencies,
            kecamatan: areas.map { Option(value: $0.id ?? "", label: $0.name, selected: $0.id == kecamatan) })
    }
}
