import Fluent
import KertaPlatform
import KertaComplaints
import KertaCommand
import KertaSensors

/// All migrations, in the order they run. Append only: a deployed migration is never edited or removed.
package enum KertaMigrations {
    package static let all: [any Migration] = [
        CreateSetting(),
        CreateAgency(),
        CreateCategory(),
        CreateArea(),
        CreateHoliday(),
        CreateUser(),
        EnablePostGIS(),
        CreateComplaint(),
        CreateComplaintPhoto(),
        CreateComplaintUpdate(),
        CreateAuditEntry(),
        CreateComplaintFollower(),
        CreateOutboxMessage(),
        CreateUserToken(),
        CreateLoginFailure(),
        CreateRoutingOverride(),
        CreateTicketCounter(),
        UpdateComplaintAddAttributes(),
        CreateApiKey(),
        CreateApiKeyUse(),
        CreateSessionRecord(),
        UpdateCategoryAddEditedAt(),
        CreateResponseTemplate(),
        UpdateComplaintAddListIndexes(),
        UpdateComplaintAddGridCell(),
        UpdateComplaintAddEscalation(),
        UpdateAuditEntryAddSubject(),
        CreateEvent(),
        CreateAlarm(),
        UpdateComplaintAddLayerIndex(),
        UpdateApiKeyAddScope(),
        CreateSensorThings(),
        CreateFloodGauge(),
        CreateWarning(),
    ]
}
