import Vapor
import KertaPlatform

/// The report form as the browser posts it (urlencoded without photos, multipart with them).
package struct ReportForm: Content {
    package var category: String?
    package var description: String?
    package var lat: String?
    package var lon: String?
    package var address: String?
    package var visibility: String?
    package var reporter_name: String?
    package var reporter_email: String?
    package var reporter_phone: String?
    package var photos: [File]?
}
