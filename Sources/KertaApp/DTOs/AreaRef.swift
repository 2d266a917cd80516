import Vapor

/// Where a complaint is: desa/kelurahan and kecamatan, by name and code.
struct AreaRef: Content, Equatable {
    let desa: String
    let kecamatan: String
    let desaCode: String
    let kecamatanCode: String

    enum CodingKeys: String, CodingKey {
        case desa, kecamatan
        case desaCode = "desa_code"
        case kecamatanCode = "kecamatan_code"
    }

    init(_ complaint: Complaint) {
        desa = complaint.desaName
        kecamatan = complaint.kecamatanName
        desaCode = complaint.desaCode
        kecamatanCode = complaint.kecamatanCode
    }
}
