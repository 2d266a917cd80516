import KertaCore

/// The responses an officer starts from when resolving, in the reader's language: one fitted to the kind of
/// category, and two general ones. The admins' own templates (``ResponseTemplate``) come before these; the
/// demo and the generated data resolve with the same words.
package enum ResponseTemplates {
    package static func builtIn(for category: String, language: Language) -> [String] {
        let general = language == .english
            ? ["Thank you for your report. Our team has inspected the site and the problem has been fixed.",
               "The work is scheduled; we will update this report when it is done."]
            : ["Terima kasih atas laporannya. Tim kami telah meninjau lokasi dan masalah sudah ditangani.",
               "Pekerjaan sudah dijadwalkan; laporan ini akan kami perbarui setelah selesai."]
        return [resolution(category).text(language)] + general
    }

    /// What was done, by kind of category.
    package static func resolution(_ category: String) -> LocalizedText {
        switch category {
        case "LINGK-SAMPAH", "LINGK-TPS-LIAR":
            LocalizedText(id: "Sampah telah diangkut oleh armada DLHK dan lokasi dibersihkan; papan larangan membuang sampah dipasang.",
                          en: "The rubbish was collected by DLHK's trucks and the site cleaned; a sign against dumping was put up.")
        case "INFRA-LPJU":
            LocalizedText(id: "Lampu PJU telah diganti dengan lampu LED baru dan menyala normal.",
                          en: "The street light was replaced with a new LED lamp and works normally.")
        case "INFRA-JALAN":
            LocalizedText(id: "Lubang jalan telah ditambal dengan aspal hotmix oleh tim pemeliharaan jalan.",
                          en: "The pothole was patched with hot-mix asphalt by the road maintenance team.")
        case "INFRA-DRAINASE", "INFRA-GENANGAN":
            LocalizedText(id: "Saluran telah dinormalisasi dan sedimen diangkat; aliran air kembali lancar.",
                          en: "The drain was cleared and its sediment removed; the water flows freely again.")
        case "TRANS-PARKIR-LIAR", "TRANS-RAMBU":
            LocalizedText(id: "Petugas telah melakukan penertiban dan pemasangan kembali rambu.",
                          en: "Officers enforced the rules and put the signs back up.")
        case "AIR-MATI":
            LocalizedText(id: "Perbaikan pipa distribusi selesai, aliran air kembali normal.",
                          en: "The distribution pipe was repaired; the water supply is back to normal.")
        default:
            LocalizedText(id: "Telah ditindaklanjuti oleh petugas di lapangan.", en: "Officers on site have acted on it.")
        }
    }
}
