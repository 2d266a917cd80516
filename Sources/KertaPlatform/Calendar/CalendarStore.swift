import Fluent
import Foundation
import KertaCore
import Vapor

/// The working-day calendar built from the holidays table, cached for a few minutes per process so an
/// admin's change to the calendar reaches every server soon without a query per request.
package struct CalendarStore: Sendable {
    private let cache = ExpiringCache<String, WorkingDayCalendar>(lifetime: 300)

    package func calendar(on db: any Database) async throws -> WorkingDayCalendar {
        try await cache.value(for: "holidays") {
            let holidays = try await HolidayDate.query(on: db).filter(\.$nonWorking == true).all()
            return WorkingDayCalendar(nonWorkingDates: Set(holidays.compactMap { CivilDate(iso: $0.date) }))
        }
    }

    package func invalidate() async {
        await cache.removeAll()
    }
}

extension Application {
    private struct CalendarStoreKey: StorageKey { typealias Value = CalendarStore }

    package var calendarStore: CalendarStore {
        if let existing = storage[CalendarStoreKey.self] { return existing }
        let created = CalendarStore()
        storage[CalendarStoreKey.self] = created
        return created
    }
}
