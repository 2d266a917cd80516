import Vapor

/// Where a point lies in the city: the desa/kelurahan and the kecamatan holding it.
package struct AreaLocation: Content, Equatable {
    package struct Unit: Content, Equatable {
        package let code: String
        package let name: String
    }

    package let desa: Unit
    package let kecamatan: Unit
}
