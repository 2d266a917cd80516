import KertaApp
import KertaComplaints
import KertaCommand
import KertaPlatform
import KertaSensors
import Testing
import Vapor

@Suite("Page paths: defined once, registered and linked from the same place")
struct SitePathTests {
    @Test("every named page path is a route of the table, and every page route has a name")
    func everyPathIsARoute() async throws {
        try await withKerta { app in
            let registered = Set(app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") })
            let named = SitePath.platform + SitePath.complaints + SitePath.commandCenter + SitePath.sensors
            for path in named { #expect(registered.contains(path.description), "no route for \(path.name) \(path)") }
            // The pages' own routes (not the API, Open311, SensorThings, the warnings' files or other feeds) all have a
            // name a template can use.
            let pages = registered.filter { path in
                !["/api", "/open311", "/vendor", "/health", "/metrics", "/sta/", "/alerts/", "/alerts.json"].contains { path.hasPrefix($0) } && path != "/sta"
            }
            let unnamed = pages.subtracting(named.map(\.description))
            #expect(unnamed.isEmpty, "page routes without a SitePath: \(unnamed.sorted())")
        }
    }

    @Test("a link fills parameters in order, one encoded segment each, and the tag refuses an unknown page")
    func linksAndTheTag() throws {
        #expect(SitePath.complaint.link("PRO-2026-000123") == "/complaints/PRO-2026-000123")
        #expect(SitePath.workspaceAct.link("a/b?c") == "/console/complaints/a%2Fb%3Fc/act")
        #expect(SitePath.home.link() == "/")
        let tag = PathTag(SitePath.platform + SitePath.complaints)
        #expect(try tag.link("complaint_follow", ["PRO-2026-000001"]) == "/complaints/PRO-2026-000001/follow")
        #expect(throws: (any Error).self) { try tag.link("complaints_typo", []) }
        #expect(throws: (any Error).self) { try tag.link("complaint", []) }
    }
}
