// Shared by every fuzz target (compiled into each): input access, invariant checks, the city's reference data.
import Foundation
@testable import KertaCore

/// The bytes libFuzzer hands over.
func input(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// A broken invariant is a finding: trap, so libFuzzer saves the input.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

func fail(_ message: String) -> Never {
    fatalError("fuzz invariant: \(message)")
}

/// Denpasar's reference data as the server loads it (KERTA_REFERENCE_DIR, or the copy in the source tree).
let referenceData: ReferenceData = {
    let directory = ProcessInfo.processInfo.environment["KERTA_REFERENCE_DIR"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/KertaApp/Resources/ReferenceData")
    do {
        return try ReferenceData.load(from: directory)
    } catch {
        fatalError("fuzz: cannot load the reference data from \(directory.path): \(error)")
    }
}()

/// The extra questions by category code, as ComplaintService holds them.
let attributesByCategory: [String: [ServiceAttribute]] = Dictionary(grouping: referenceData.attributes, by: \.categoryCode)

/// The areas as AreaDirectory indexes them.
let areaIndex = AreaIndex(referenceData.areas.map { AreaIndex.Entry(code: $0.code, level: $0.level, shape: $0.shape) })
