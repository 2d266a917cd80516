import Foundation
import KertaCore

enum Fixtures {
    /// The reference data Kerta ships, read straight from the source tree.
    static let referenceDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/KertaApp/Resources/ReferenceData")

    /// `yyyy-MM-dd HH:mm` read as wall-clock time in Denpasar.
    static func wita(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .wita
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }
}
