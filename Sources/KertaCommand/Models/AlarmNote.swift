import Fluent
import Foundation
import KertaPlatform

/// An operator's note on an alarm (what was done, whom they called).
package final class AlarmNote: Model, @unchecked Sendable {
    package static let schema = "alarm_notes"

    @ID(key: .id) package var id: UUID?
    @Field(key: "alarm_id") package var alarmID: UUID
    @Field(key: "at") package var at: Date
    @Field(key: "author") package var author: String
    @Field(key: "body") package var body: String

    package init() {}

    package init(alarmID: UUID, at: Date, author: String, body: String) {
        id = UUID()
        self.alarmID = alarmID
        self.at = at
        self.author = author
        self.body = body
    }
}
