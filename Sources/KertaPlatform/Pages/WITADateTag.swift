import Foundation
import KertaCore
import LeafKit

/// `#wita(timestamp, lang)`: an ISO 8601 timestamp as people in Denpasar read it, e.g.
/// "26 Nov 2026, 09.30 WITA" or "26 Nov 2026, 09:30 WITA"; empty for an absent value.
package struct WITADateTag: LeafTag {
    package init() {}

    package func render(_ ctx: LeafContext) throws -> LeafData {
        guard let text = ctx.parameters.first?.string, let date = WITATimestamp.date(from: text) else { return .string("") }
        let language: Language = ctx.parameters.dropFirst().first?.string == "en" ? .english : .indonesian
        return .string(WITAReadableTime.string(from: date, language))
    }
}
