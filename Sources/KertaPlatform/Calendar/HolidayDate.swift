import Foundation
import Fluent
import KertaCore

/// A day off on the city's calendar; the working-day clock skips those marked non-working.
package final class HolidayDate: Model, @unchecked Sendable {
    package static let schema = "holidays"

    @ID(key: .id) package var id: UUID?

    /// `YYYY-MM-DD` in WITA: a wall-calendar date, not an instant.
    @Field(key: "date") package var date: String
    @Field(key: "name_id") package var nameID: String
    @Field(key: "name_en") package var nameEN: String
    @Field(key: "kind") package var kind: String
    /// Whether the complaint clock stops on this day; an admin may decide a Bali dispensation day does not.
    @Field(key: "non_working") package var nonWorking: Bool

    package init() {}

    package init(holiday: Holiday) {
        date = holiday.date.description
        nameID = holiday.nameID
        nameEN = holiday.nameEN
        kind = holiday.kind.rawValue
        nonWorking = true
    }

    package var holiday: Holiday? {
        guard let civil = CivilDate(iso: date), let kind = HolidayKind(rawValue: kind) else { return nil }
        return Holiday(date: civil, nameID: nameID, nameEN: nameEN, kind: kind)
    }
}
