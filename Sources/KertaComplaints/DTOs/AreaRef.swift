import KertaPlatform
import Vapor

/// Where a complaint is: desa/kelurahan and kecamatan, by name and code.
package struct AreaRef: Content, Equatable {
    package let desa: String
    package let kecamatan: String
    package let desaCode: String
    package let kecamatanCode: String

    package enum CodingKeys: String, CodingKey {
        case desa, kecamatan
        case desaCode = "desa_code"
        case kecamatanCode = "kecamatan_code"
    }

    package init(_ complaint: Complaint) {
        desa = complaint.desaName
        kecamatan = complaint.kecamatanName
        desaCode = complaint.desaCode
        kecamatanCode = complaint.kecamatanCode
    }
}
