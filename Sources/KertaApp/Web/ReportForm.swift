import Vapor

/// The report form as the browser posts it (urlencoded without photos, multipart with them).
struct ReportForm: Content {
    var category: String?
    var description: String?
    var lat: String?
    var lon: String?
    var address: String?
    var visibility: String?
    var reporter_name: String?
    var reporter_email: String?
    var reporter_phone: String?
    var photos: [File]?
}
