import Foundation

/// One part of the city's simulated life (complaints now; a rising river, moving trucks and boats, 112
/// calls later), acting through the same services as real use. The runner calls each in turn for every
/// step of simulated time.
package protocol CitySimulator: Sendable {
    var name: String { get }
    /// Lives through `start..<end` of simulated time; returns how many things it did.
    func advance(from start: Date, to end: Date) async throws -> Int
}
