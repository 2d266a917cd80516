import Vapor

/// Where a point lies in the city: the desa/kelurahan and the kecamatan holding it.
struct AreaLocation: Content, Equatable {
    struct Unit: Content, Equatable {
        let code: String
        let name: String
    }

    let desa: Unit
    let kecamatan: Unit
}
