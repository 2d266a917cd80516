import Foundation

/// A report as a resident sends it, checked field by field before anything is looked up or stored.
public struct NewComplaint: Sendable, Equatable {
    public static let descriptionLength = 10...4000
    public static let maximumPhotos = 5

    public struct Reporter: Sendable, Equatable {
        public let name: String
        public let email: String?
        public let phone: String?
    }

    public let categoryCode: String
    public let description: String
    public let point: GeoPoint
    public let address: String?
    public let visibility: ComplaintVisibility
    /// nil when the reporter is signed in and did not give other details.
    public let reporter: Reporter?
    /// Answers to the category's extra questions, by attribute code (checked against the category when filed).
    public var attributes: [String: [String]] = [:]
    /// Whether unanswered required questions are refused (Open311 and the web form) or allowed (the JSON API).
    public var requireAnswers = true

    /// Every problem is reported at once; `signedIn` makes the reporter block optional.
    public init(category: String?, description: String?, lat: Double?, lon: Double?, address: String?,
                visibility: String?, reporterName: String?, reporterEmail: String?, reporterPhone: String?,
                signedIn: Bool) throws {
        var problems = ProblemList()
        let category = category.trimmedNonEmpty?.uppercased()
        if category == nil { problems.add("category", id: "kategori wajib dipilih", en: "category is required") }

        let description = description.trimmedNonEmpty ?? ""
        if description.isEmpty {
            problems.add("description", id: "uraian pengaduan wajib diisi", en: "description is required")
        } else if description.count < Self.descriptionLength.lowerBound {
            problems.add("description", id: "uraian terlalu singkat (minimal \(Self.descriptionLength.lowerBound) karakter)",
                         en: "description is too short (at least \(Self.descriptionLength.lowerBound) characters)")
        } else if description.count > Self.descriptionLength.upperBound {
            problems.add("description", id: "uraian terlalu panjang (maksimal \(Self.descriptionLength.upperBound) karakter)",
                         en: "description is too long (at most \(Self.descriptionLength.upperBound) characters)")
        }

        switch lat {
        case nil: problems.add("lat", id: "lokasi (lat) wajib diisi", en: "lat is required")
        case let value? where !(-90...90).contains(value) || !value.isFinite:
            problems.add("lat", id: "lat harus di antara -90 dan 90", en: "lat must be between -90 and 90")
        default: break
        }
        switch lon {
        case nil: problems.add("lon", id: "lokasi (lon) wajib diisi", en: "lon is required")
        case let value? where !(-180...180).contains(value) || !value.isFinite:
            problems.add("lon", id: "lon harus di antara -180 dan 180", en: "lon must be between -180 and 180")
        default: break
        }

        let address = address.trimmedNonEmpty
        if let address, address.count > 300 {
            problems.add("address", id: "alamat maksimal 300 karakter", en: "address must be at most 300 characters")
        }

        var parsedVisibility = ComplaintVisibility.public
        if let raw = visibility.trimmedNonEmpty {
            if let value = ComplaintVisibility(rawValue: raw.lowercased()) {
                parsedVisibility = value
            } else {
                problems.add("visibility", id: "visibility harus public, anonymous atau confidential",
                             en: "visibility must be public, anonymous or confidential")
            }
        }

        let name = reporterName.trimmedNonEmpty
        let email = reporterEmail.trimmedNonEmpty?.lowercased()
        let phone = reporterPhone.trimmedNonEmpty
        if name == nil && !signedIn {
            problems.add("reporter.name", id: "nama pelapor wajib diisi (atau masuk terlebih dahulu)",
                         en: "reporter.name is required (or sign in first)")
        } else if let name, name.count > 100 {
            problems.add("reporter.name", id: "nama maksimal 100 karakter", en: "reporter.name must be at most 100 characters")
        }
        if let email, !EmailAddress.isPlausible(email) {
            problems.add("reporter.email", id: "\"\(email)\" bukan alamat email", en: "\"\(email)\" is not an email address")
        }
        if let phone, !Self.isPlausiblePhone(phone) {
            problems.add("reporter.phone", id: "nomor telepon tidak sah (contoh: 0812 3456 7890)",
                         en: "reporter.phone is not a phone number (e.g. +62 812 3456 7890)")
        }
        try problems.check()

        self.categoryCode = category!
        self.description = description
        self.point = GeoPoint(latitude: lat!, longitude: lon!)
        self.address = address
        self.visibility = parsedVisibility
        self.reporter = name.map { Reporter(name: $0, email: email, phone: phone) }
            ?? ((email != nil || phone != nil) ? Reporter(name: "", email: email, phone: phone) : nil)
    }

    /// Indonesian numbers: optional +, then 8 to 15 digits, spaces and dashes allowed between.
    static func isPlausiblePhone(_ text: String) -> Bool {
        var digits = 0
        for (index, character) in text.enumerated() {
            if character.isNumber && character.isASCII { digits += 1 }
            else if character == "+" && index == 0 {}
            else if character == " " || character == "-" {}
            else { return false }
        }
        return (8...15).contains(digits)
    }
}
