import Foundation
import KertaCore
import Testing

/// The flood rules on their own: levels with hysteresis, the rate of rise, a silent gauge, and the words
/// and colours a level is always shown by.
@Suite struct FloodRulesTests {
    /// The Pasar Badung–Kumbasari bridge's published scale.
    let bridge = try! FloodThresholds(waspada: 30, siaga: 116, awas: 266)

    @Test func aLevelIsReachedAtItsMarkAndLeftOnlyBelowItsBand() {
        let classifier = FloodClassifier(thresholds: bridge, hysteresis: 5)
        #expect(classifier.level(for: 29.9, previous: .normal) == .normal)
        #expect(classifier.level(for: 30, previous: .normal) == .waspada)
        #expect(classifier.level(for: 120, previous: .normal) == .siaga)
        #expect(classifier.level(for: 300, previous: .waspada) == .awas)
        // Hovering at the first siren's mark does not sound it on and off.
        #expect(classifier.levels(for: [31, 29, 30.5, 27, 31, 26, 24.9, 25, 29], from: .normal)
                == [.waspada, .waspada, .waspada, .waspada, .waspada, .waspada, .normal, .normal, .normal])
        // Falling from Awas, each level passed keeps its own band.
        #expect(classifier.level(for: 262, previous: .awas) == .awas)
        #expect(classifier.level(for: 260, previous: .awas) == .siaga)
        #expect(classifier.level(for: 112, previous: .awas) == .siaga)
        #expect(classifier.level(for: 110, previous: .awas) == .waspada)
        #expect(classifier.level(for: 10, previous: .awas) == .normal)
    }

    @Test func aScaleMustRiseWithTheWater() {
        let upside = #expect(throws: DomainError.self) { try FloodThresholds(waspada: 116, siaga: 30, awas: 266) }
        #expect(upside?.problems.map(\.field) == ["siaga_cm"])
        let broken = #expect(throws: DomainError.self) { try FloodThresholds(waspada: .nan, siaga: 30, awas: 266) }
        #expect(broken?.problems.first?.field == "waspada_cm")
    }

    @Test func aSteepRiseAlarmsBeforeAnyThresholdIsReached() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func readings(_ values: [Double], every minutes: Double = 5) -> [RiseRate.Reading] {
            values.enumerated().map { RiseRate.Reading(at: start.addingTimeInterval(Double($0.offset) * minutes * 60), value: $0.element) }
        }
        // 8 → 29 cm in 15 minutes: still below Waspada (30), but over 20 cm in 15 minutes.
        let fast = RiseRate.denpasar.finding(in: readings([8, 12, 20, 29]))
        #expect(fast?.window.minutes == 15 && fast?.rise == 21)
        // The same rise over an hour is a river filling, not a flash flood.
        #expect(RiseRate.denpasar.finding(in: readings([8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 27, 28, 29])) == nil)
        // A long steady climb is caught by the hour's window.
        let steady = RiseRate.denpasar.finding(in: readings([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]))
        #expect(steady?.window.minutes == 60)
        // A dip and recovery does not hide a rise: the lowest reading in the window counts.
        #expect(RiseRate.denpasar.finding(in: readings([20, 5, 27])) != nil)
        #expect(RiseRate.denpasar.finding(in: readings([20])) == nil)
    }

    @Test func aGaugeSilentLongerThanItsIntervalIsOffline() {
        let last = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(!GaugeSilence.isOffline(lastReport: last, expectedInterval: 900, now: last.addingTimeInterval(900)))
        #expect(GaugeSilence.isOffline(lastReport: last, expectedInterval: 900, now: last.addingTimeInterval(901)))
        #expect(!GaugeSilence.isOffline(lastReport: nil, expectedInterval: 900, now: last))
    }

    @Test func aLevelIsAWordAndAColourNeverABareNumber() {
        #expect(FloodLevel.awas > FloodLevel.siaga && FloodLevel.siaga > FloodLevel.waspada)
        for level in FloodLevel.allCases {
            #expect(!level.word.id.isEmpty && !level.word.en.isEmpty && level.colour.hasPrefix("#"))
            #expect(level.word.id != String(level.rawValue))
        }
        #expect(FloodLevel.awas.word.id.contains("Awas") && FloodLevel.awas.colour == "#c62828")
    }

    @Test func oneWarningNeedsTwoPeople() throws {
        let drafter = UUID(), approver = UUID()
        let own = #expect(throws: DomainError.self) {
            try WarningWorkflow.check(.approve, state: .draft, drafter: drafter, approver: nil, by: drafter, role: .supervisor)
        }
        #expect(own?.code == "two_person_rule")
        #expect(throws: DomainError.self) { try WarningWorkflow.check(.approve, state: .draft, drafter: drafter, approver: nil, by: approver, role: .operator) }
        try WarningWorkflow.check(.approve, state: .draft, drafter: drafter, approver: nil, by: approver, role: .supervisor)
        let early = #expect(throws: DomainError.self) { try WarningWorkflow.check(.publish, state: .draft, drafter: drafter, approver: nil, by: drafter, role: .admin) }
        #expect(early?.code == "not_approved")
        try WarningWorkflow.check(.publish, state: .approved, drafter: drafter, approver: approver, by: drafter, role: .operator)
        #expect(throws: DomainError.self) { try WarningWorkflow.check(.approve, state: .draft, drafter: drafter, approver: nil, by: approver, role: .officer) }
        #expect(throws: DomainError.self) { try WarningWorkflow.check(.withdraw, state: .published, drafter: drafter, approver: approver, by: drafter, role: .operator) }
    }

    @Test func aWarningsContentBecomesAProfileValidCAPAlertInBothLanguages() {
        let sent = Date(timeIntervalSince1970: 1_800_000_000)
        let content = WarningContent(event: LocalizedText(id: "Banjir", en: "Flood"), headline: LocalizedText(id: "Siaga banjir", en: "Flood standby"),
                                     description: LocalizedText(id: "Air naik", en: "Water rising"),
                                     instruction: LocalizedText(id: "Siapkan evakuasi", en: "Prepare to evacuate"),
                                     urgency: .immediate, severity: .severe, certainty: .likely, responseTypes: [.prepare],
                                     areaDescription: "Bantaran Tukad Badung",
                                     polygon: [GeoPoint(latitude: -8.65, longitude: 115.21), GeoPoint(latitude: -8.65, longitude: 115.22),
                                               GeoPoint(latitude: -8.66, longitude: 115.22)],
                                     circle: CAPCircle(center: GeoPoint(latitude: -8.6557, longitude: 115.2122), radiusKilometres: 1),
                                     desaCodes: ["5171031007"], onset: nil, expires: sent.addingTimeInterval(6 * 3600), gaugeCode: "RIV-01")
        let alert = content.alert(identifier: "denpasar-bpbd-2026-0001", sender: "bpbd@denpasar.go.id", sent: sent, msgType: .alert, references: [], web: nil)
        #expect(alert.infos.map(\.language) == ["id-ID", "en-US"])
        #expect(alert.infos[0].areas[0].polygons[0].count == 4)
        #expect(CAPProfileCheck.problems(alert).isEmpty)
        let cancel = content.alert(identifier: "denpasar-bpbd-2026-0002", sender: "bpbd@denpasar.go.id", sent: sent.addingTimeInterval(60), msgType: .cancel,
                                   references: [CAPReference(to: alert)], web: nil)
        #expect(CAPProfileCheck.problems(cancel, known: [alert.identifier: alert]).isEmpty)
        #expect(!CAPProfileCheck.problems(cancel).isEmpty)
        #expect(CAPEncoder.xml(cancel).contains("<references>bpbd@denpasar.go.id,denpasar-bpbd-2026-0001,"))
    }
}
