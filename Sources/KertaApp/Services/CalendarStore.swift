import Fluent
import Foundation
import KertaCore
import Vapor

/// The working-day calendar built from the holidays table, cached for a few minutes per process so an
/// admin's change to the calendar reaches every server soon without a query per request.
actor CalendarStore {
    private var cached: (calendar: WorkingDayCalendar, loadedAt: Date)?
    private let lifetime: TimeInterval = 300

    func calendar(on db: any Database) async throws -> WorkingDayCalendar {
        if let cached, Date().timeIntervalSince(cached.loadedAt) < lifetime { return cached.calendar }
        let holidays = try await HolidayDate.query(on: db).filter(\.$nonWorking == true).all()
        let dates = Set(holidays.compactMap { CivilDate(iso: $0.date) })
        let calendar = WorkingDayCalendar(nonWorkingDates: dates)
        cached = (calendar, Date())
        return calendar
    }

    func invalidate() {
        cached = nil
    }
}

extension Application {
    private struct CalendarStoreKey: StorageKey { typealias Value = CalendarStore }

    var calendarStore: CalendarStore {
        if let existing = storage[CalendarStoreKey.self] { return existing }
        let created = CalendarStore()
        storage[CalendarStoreKey.self] = created
        return created
    }
}
