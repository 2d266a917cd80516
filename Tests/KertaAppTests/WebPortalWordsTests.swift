import Fluent
import Foundation
@testable import KertaApp
@testable import KertaComplaints
@testable import KertaPlatform
import KertaCore
import Testing
import Vapor
import VaporTesting

/// What a person reads on a page: the text between the tags. Tags go with their attributes, since codes
/// may stay in URLs, option values, classes and data attributes; only the words people read must not be codes.
enum VisibleText {
    static func of(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #"<(script|style)\b[^>]*>[\s\S]*?</\1>"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
        for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// The codes a page shows: statuses written with underscores (in_progress) anywhere; on Indonesian
    /// pages also the English words statuses are coded as (submitted, closed…); category codes
    /// (INFRA-DRAINASE) anywhere; and any text between tags that is exactly a status, visibility,
    /// priority or role code (a cell reading "high" or "confidential"; their names are capitalised words).
    static func codes(inPage html: String, language: Language, categories: [String]) -> [String] {
        let text = of(html)
        let statuses = ComplaintStatus.allCases.map(\.rawValue)
        var found = statuses.filter { $0.contains("_") && text.contains($0) }
        if language == .indonesian {
            found += statuses.filter { !$0.contains("_") && text.range(of: "\\b\($0)\\b", options: [.regularExpression, .caseInsensitive]) != nil }
        }
        found += categories.filter { text.contains($0) }
        let codes = Set(statuses + ComplaintVisibility.allCases.map(\.rawValue) + Priority.allCases.map(\.rawValue) + Role.allCases.map(\.rawValue))
        let withoutScripts = html.replacingOccurrences(of: #"<(script|style)\b[^>]*>[\s\S]*?</\1>"#, with: " ", options: .regularExpression)
        for piece in withoutScripts.split(separator: "<").compactMap({ $0.split(separator: ">", maxSplits: 1).dropFirst().first }) {
            let words = piece.trimmingCharacters(in: .whitespacesAndNewlines)
            if codes.contains(words) { found.append("“\(words)” alone") }
        }
        return found
    }

    /// Category codes a page could show only as codes: a code that is also a word of a category's names
    /// (UMKM, in "Koperasi dan UMKM") cannot be told apart from the name, so it is not looked for.
    static func categoryCodes(_ categories: [Category]) -> [String] {
        let names = categories.flatMap { [$0.nameID, $0.nameEN, $0.groupID, $0.groupEN] }.joined(separator: " ")
        return categories.compactMap(\.id).filter { !names.contains($0) }
    }
}

extension WebPortalTests {
    @Test func everyPageNamesStatusesAndCategoriesInWordsNotCodes() async throws {
        try await withKerta(demo: true, demoComplaints: true) { app in
            let categories = VisibleText.categoryCodes(try await Category.query(on: app.db).all())
            #expect(categories.contains("INFRA-DRAINASE") && categories.count > 40)
            // The check itself finds what it looks for, and not in attributes.
            let sample = #"<td>in_progress</td><p>Got INFRA-DRAINASE</p><td>high</td><p>sudah closed</p><a href="/map?status=on_hold" data-status="on_hold">Ditunda</a>"#
            #expect(VisibleText.codes(inPage: sample, language: .indonesian, categories: categories).count == 5)
            #expect(VisibleText.codes(inPage: #"<a href="/map?status=on_hold" data-status="closed">Ditunda</a>"#, language: .indonesian, categories: categories).isEmpty)
            var tickets: [String] = []
            for status in ComplaintStatus.allCases {
                if let complaint = try await Complaint.query(on: app.db).filter(\.$status == status).first() { tickets.append(complaint.ticket) }
            }
            #expect(tickets.count >= 8, "the demo holds complaints in nearly every state")
            let withPUPR = try #require(try await Complaint.query(on: app.db).filter(\.$agencyCode == "PUPR")
                .filter(\.$status ~~ [ComplaintStatus.inProgress, .onHold]).first())

            let visitor = Browser(app)
            let resident = Browser(app)
            try await resident.signIn("warga@kerta.example")
            let verifier = Browser(app)
            try await verifier.signIn("verifikator@kerta.example")
            let officer = Browser(app)
            try await officer.signIn("petugas.pupr@kerta.example")
            let supervisor = Browser(app)
            try await supervisor.signIn("pimpinan@kerta.example")
            let admin = Browser(app)
            try await admin.signIn("admin@kerta.example")

            var pages: [(Browser, String)] = [
                (visitor, "/"), (visitor, "/report"), (visitor, "/map"), (visitor, "/map?status=on_hold"), (visitor, "/map?category=INFRA-DRAINASE"),
                (visitor, "/performance"), (visitor, "/login"), (resident, "/account"), (resident, "/report"),
                (verifier, "/console"), (officer, "/console"), (officer, "/console?status=in_progress"), (supervisor, "/console"),
                (officer, "/console/complaints/\(withPUPR.ticket)"),
                (admin, "/console/admin"), (admin, "/console/admin/categories/INFRA-DRAINASE"),
            ]
            for ticket in tickets { pages += [(supervisor, "/complaints/\(ticket)"), (supervisor, "/console/complaints/\(ticket)")] }

            for language in Language.allCases {
                for (browser, path) in pages {
                    browser.language = language.rawValue
                    let (status, html, _) = try await browser.get(path)
                    #expect(status == .ok, "\(language.rawValue) \(path): \(status)")
                    let found = VisibleText.codes(inPage: html, language: language, categories: categories)
                    #expect(found.isEmpty, "\(language.rawValue) \(path) shows the codes \(found)")
                }
            }
            // The words are there instead, in the page's language.
            visitor.language = "id"
            let onHold = VisibleText.of(try await visitor.get("/map?status=on_hold").1)
            #expect(onHold.contains("Ditunda"))
            visitor.language = "en"
            #expect(VisibleText.of(try await visitor.get("/map?status=on_hold").1).contains("On hold"))
            // Coordinates are rounded to what a map needs.
            officer.language = "id"
            let workspace = try await officer.get("/console/complaints/\(withPUPR.ticket)").1
            #expect(workspace.contains(String(format: "%.5f, %.5f", withPUPR.latitude, withPUPR.longitude)))
            #expect(workspace.range(of: #"-8\.\d{7,}"#, options: .regularExpression) == nil)
            // Priorities, visibility and roles by name too.
            admin.language = "id"
            let settings = VisibleText.of(try await admin.get("/console/admin").1)
            #expect(settings.contains("Tinggi") && settings.contains("Verifikator") && settings.contains("Petugas OPD"))
            #expect(VisibleText.of(workspace).contains(Catalogue.shared.visibility(withPUPR.visibility, .indonesian)))
        }
    }

    @Test func filtersOfferTheValidChoicesInsteadOfTextBoxes() async throws {
        try await withKerta(demo: true) { app in
            let visitor = Browser(app)
            let (_, map, _) = try await visitor.get("/map?category=INFRA-DRAINASE&agency=PUPR")
            for name in ["status", "category", "agency", "kecamatan"] {
                #expect(map.contains(#"<select id="\#(name)" name="\#(name)">"#), "the map's \(name) filter is a choice")
            }
            #expect(map.contains(#"<option value="INFRA-DRAINASE" selected>"#) && map.contains(#"<option value="PUPR" selected>"#))
            let officer = Browser(app)
            try await officer.signIn("verifikator@kerta.example")
            let (_, queue, _) = try await officer.get("/console?status=submitted")
            for name in ["status", "category", "agency", "kecamatan"] {
                #expect(queue.contains(#"<select id="f-\#(name)" name="\#(name)">"#), "the console's \(name) filter is a choice")
            }
            #expect(queue.contains(#"<option value="submitted" selected>Diajukan</option>"#))
        }
    }

    @Test func theReportFormAsksEachCategorysQuestionsAndRequiresTheRequiredOnes() async throws {
        try await withKerta { app in
            let browser = Browser(app)
            let (_, form, _) = try await browser.get("/report")
            #expect(form.contains(#"data-category="INFRA-JALAN""#) && form.contains("Seberapa besar kerusakannya?") && form.contains("Kecil (&lt; 30 cm)"))
            #expect(form.contains(#"name="attribute[LINGK-SAMPAH][jenis_sampah][]""#) && form.contains(#"type="datetime-local""#))
            #expect(!form.contains("How large is the damage?"))
            browser.language = "en"
            let english = try await browser.get("/report").1
            #expect(english.contains("How large is the damage?") && english.contains("Small") && !english.contains("Seberapa besar"))
            browser.language = nil

            try await browser.get("/report")
            let base = ["category": "INFRA-JALAN", "description": "Jalan berlubang besar di depan pasar", "lat": "-8.6577", "lon": "115.2166",
                        "reporter_name": "Made", "attribute[INFRA-JALAN][lajur]": "Lajur kiri arah Renon"]
            let (refused, page, _) = try await browser.post("/report", base)
            #expect(refused == .unprocessableEntity)
            #expect(page.contains(#"id="q-INFRA-JALAN-ukuran_lubang-error""#), "the error stands beside its question")
            #expect(page.contains("«Seberapa besar kerusakannya?» wajib diisi"), "the error names the question, not its code")
            #expect(page.contains(##"href="#q-INFRA-JALAN-ukuran_lubang-kecil""##), "the summary links to the question")
            #expect(page.contains(#"value="Lajur kiri arah Renon""#), "what was typed is kept")
            #expect(!page.contains(#"id="questions-INFRA-LPJU""#) || page.contains(#"id="questions-INFRA-LPJU" data-category="INFRA-LPJU" hidden"#),
                    "once a category is chosen, only its questions show")
            #expect(try await Complaint.query(on: app.db).count() == 0)

            // Without JavaScript every category's questions are sent; only the chosen category's are filed.
            var answered = base
            answered["attribute[INFRA-JALAN][ukuran_lubang]"] = "besar"
            answered["attribute[INFRA-LPJU][jumlah_lampu]"] = "bukan angka"
            let (filed, _, _) = try await browser.post("/report", answered)
            #expect(filed == .seeOther)
            let complaint = try #require(try await Complaint.query(on: app.db).first())
            let answers = try JSONDecoder().decode([String: [String]].self, from: Data((complaint.attributesJSON ?? "{}").utf8))
            #expect(answers == ["ukuran_lubang": ["besar"], "lajur": ["Lajur kiri arah Renon"]])

            // As the page's script sends it: multipart, several answers to one question, a date and time read as WITA.
            try await browser.get("/report")
            let (multi, _, _) = try await browser.postMultipart("/report", [
                ("category", "LINGK-SAMPAH"), ("description", "Sampah menumpuk di pinggir jalan dekat pasar"), ("lat", "-8.6705"), ("lon", "115.2126"),
                ("reporter_name", "Ketut"), ("attribute[LINGK-SAMPAH][jenis_sampah][]", "plastik"), ("attribute[LINGK-SAMPAH][jenis_sampah][]", "puing"),
            ])
            #expect(multi == .seeOther)
            let waste = try #require(try await Complaint.query(on: app.db).filter(\.$categoryCode == "LINGK-SAMPAH").first())
            #expect(waste.attributesJSON == #"{"jenis_sampah":["plastik","puing"]}"#)
            try await browser.get("/report")
            let (flooded, _, _) = try await browser.post("/report", [
                "category": "INFRA-GENANGAN", "description": "Jalan tergenang setinggi lutut sejak pagi", "lat": "-8.6577", "lon": "115.2166",
                "reporter_name": "Wayan", "attribute[INFRA-GENANGAN][sejak]": "2026-11-23T07:30",
            ])
            #expect(flooded == .seeOther)
            let flood = try #require(try await Complaint.query(on: app.db).filter(\.$categoryCode == "INFRA-GENANGAN").first())
            #expect(flood.attributesJSON == #"{"sejak":["2026-11-23T07:30:00+08:00"]}"#)
        }
    }

    @Test func mapsAndChartsSayWhyTheyAreMissingWhenDebiansPackagesAreNot() async throws {
        let files = FileManager.default
        let empty = files.temporaryDirectory.appendingPathComponent("kerta-js-empty-\(UUID().uuidString)")
        let installed = files.temporaryDirectory.appendingPathComponent("kerta-js-\(UUID().uuidString)")
        for folder in [empty, installed.appendingPathComponent("leaflet"), installed.appendingPathComponent("chart.js")] {
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        for file in ["leaflet/leaflet.js", "leaflet/leaflet.css", "chart.js/chart.min.js"] {
            try Data("/* */".utf8).write(to: installed.appendingPathComponent(file))
        }
        defer { try? files.removeItem(at: empty); try? files.removeItem(at: installed) }

        try await withKerta(adjust: { $0.javascriptDirectory = empty.path }) { app in
            let browser = Browser(app)
            let map = try await browser.get("/map").1
            #expect(map.contains(#"id="map-unavailable""#) && map.contains("Peta tidak dapat ditampilkan") && map.contains("apt install libjs-leaflet"))
            #expect(!map.contains(#"id="map""#) && map.contains(#"data-leaflet="""#))
            let performance = try await browser.get("/performance").1
            #expect(performance.contains(#"id="chart-unavailable""#) && performance.contains("apt install libjs-chart.js") && !performance.contains("<canvas"))
            #expect(try await browser.get("/").1.contains(#"id="map-unavailable""#))
            #expect(try await browser.get("/report").1.contains(#"id="map-unavailable""#))
            browser.language = "en"
            #expect(try await browser.get("/map").1.contains("The map cannot be shown: this server does not have the libjs-leaflet package."))
            #expect(try await browser.get("/performance").1.contains("The chart cannot be shown"))
        }
        try await withKerta(adjust: { $0.javascriptDirectory = installed.path }) { app in
            let browser = Browser(app)
            let map = try await browser.get("/map").1
            #expect(map.contains(#"id="map""#) && map.contains(#"data-leaflet="/vendor/leaflet/leaflet.js""#) && !map.contains("map-unavailable"))
            let performance = try await browser.get("/performance").1
            #expect(performance.contains("<canvas") && performance.contains(#"data-chart="/vendor/chart.js/chart.min.js""#) && !performance.contains("chart-unavailable"))
        }
        // The real folder, where scripts/test installs Debian's packages.
        if files.fileExists(atPath: "/usr/share/javascript/leaflet/leaflet.js"), files.fileExists(atPath: "/usr/share/javascript/chart.js/chart.min.js") {
            try await withKerta(adjust: { $0.javascriptDirectory = "/usr/share/javascript" }) { app in
                let browser = Browser(app)
                let map = try await browser.get("/map").1
                let performance = try await browser.get("/performance").1
                #expect(!map.contains("map-unavailable") && !performance.contains("chart-unavailable"))
            }
        }
    }
}
