import Foundation

/// A gauge's alert scale in centimetres above the river's normal level, as published for that site, from
/// the day it takes effect (published scales get revised; the earlier ones stay on record). A gauge whose
/// scale was never published has none: its readings are shown, but no level is claimed.
public struct FloodThresholds: Sendable, Equatable, Codable {
    public let waspada: Double
    public let siaga: Double
    public let awas: Double

    /// Levels must rise with the water: Waspada below Siaga below Awas.
    public init(waspada: Double, siaga: Double, awas: Double) throws {
        var problems = ProblemList()
        for (field, value) in [("waspada_cm", waspada), ("siaga_cm", siaga), ("awas_cm", awas)] where !value.isFinite || abs(value) > 10_000 {
            problems.add(field, id: "harus berupa angka sentimeter", en: "must be a number of centimetres")
        }
        if problems.isEmpty, !(waspada < siaga) { problems.add("siaga_cm", id: "harus di atas waspada_cm", en: "must be above waspada_cm") }
        if problems.isEmpty, !(siaga < awas) { problems.add("awas_cm", id: "harus di atas siaga_cm", en: "must be above siaga_cm") }
        guard problems.isEmpty else { throw DomainError.input(problems.problems) }
        self.waspada = waspada
        self.siaga = siaga
        self.awas = awas
    }

    public func threshold(of level: FloodLevel) -> Double? {
        switch level {
        case .normal: nil
        case .waspada: waspada
        case .siaga: siaga
        case .awas: awas
        }
    }
}
