import KertaCore

/// The demo's sign-in accounts, one or more per role, all with the same published password.
package struct DemoAccount: Sendable {
    package static let password = "kerta-demo"

    package let email: String
    package let name: String
    package let role: Role
    package let agencyCode: String?

    package static let all: [DemoAccount] = [
        .init(email: "warga@kerta.example", name: "Ni Luh Putu Sari", role: .citizen, agencyCode: nil),
        .init(email: "verifikator@kerta.example", name: "Made Wirawan (Diskominfos)", role: .verifier, agencyCode: "DISKOMINFOS"),
        .init(email: "petugas.pupr@kerta.example", name: "Komang Adi (PUPR)", role: .officer, agencyCode: "PUPR"),
        .init(email: "petugas.dlhk@kerta.example", name: "Wayan Sudarma (DLHK)", role: .officer, agencyCode: "DLHK"),
        .init(email: "petugas.dishub@kerta.example", name: "Kadek Dewi (Dishub)", role: .officer, agencyCode: "DISHUB"),
        .init(email: "petugas.satpolpp@kerta.example", name: "Nyoman Arta (Satpol PP)", role: .officer, agencyCode: "SATPOLPP"),
        .init(email: "petugas.pdam@kerta.example", name: "Putu Eka (Perumda Air Minum)", role: .officer, agencyCode: "PDAM"),
        .init(email: "pimpinan@kerta.example", name: "I Gusti Ayu Ratna (Inspektorat)", role: .supervisor, agencyCode: "INSPEKTORAT"),
        .init(email: "operator@kerta.example", name: "Gede Pratama (Damamaya)", role: .operator, agencyCode: "DISKOMINFOS"),
        .init(email: "admin@kerta.example", name: "Admin Kerta", role: .admin, agencyCode: nil),
    ]
}
